#!/usr/bin/env bash
# Set up a fresh machine for izlem-audit: system packages (when root and apt-get exist), a virtual
# environment in .venv, and the package with its test dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  need=()
  # tesseract-ocr and its Turkish data: --ocr reads scanned pages with them (tests/test_scan.py needs them)
  for pkg in fonts-dejavu-core fonts-liberation poppler-utils chromium tesseract-ocr tesseract-ocr-tur; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test,camelot,dask,ocr]'
