#!/usr/bin/env bash
# Set up, then audit the bundled sample report (the real Çiğli 2024 6-month report, rendered as a PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/izlem-audit extract fixtures/pdfs/cigli-2024-6-libreoffice.pdf --format json --output out/cigli.json
.venv/bin/izlem-audit extract fixtures/pdfs/cigli-2024-6-libreoffice.pdf --format xlsx --output out/cigli.xlsx
echo "Çıktılar / outputs: out/cigli.json out/cigli.xlsx"
