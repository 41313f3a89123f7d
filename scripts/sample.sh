#!/usr/bin/env bash
# Set up, then audit the bundled sample report (the real Çiğli 2024 6-month report, rendered as a PDF):
# the Turkish console report, plus the findings as HTML and JSON and every table as an Excel workbook in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
SAMPLE=fixtures/pdfs/cigli-2024-6-libreoffice.pdf
.venv/bin/izlem-audit extract "$SAMPLE" --format xlsx --output out/cigli-tablolar.xlsx --quiet
.venv/bin/izlem-audit check "$SAMPLE" --engine pdfium --format json,html --output out/cigli-bulgular --quiet || true
# the console report; exit code 1 means errors were found (as a pre-publication gate would fail)
.venv/bin/izlem-audit check "$SAMPLE" || status=$?
echo "Çıktılar / outputs: out/cigli-bulgular.html out/cigli-bulgular.json out/cigli-tablolar.xlsx"
exit "${status:-0}"
