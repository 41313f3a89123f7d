"""Make the screenshots in docs/img from the real outputs on the bundled sample report.

    .venv/bin/python scripts/screenshots.py

Needs Chromium (Debian package) and, for the workbook picture, LibreOffice (soffice).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
SAMPLE = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-libreoffice.pdf"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rapor"
        subprocess.run([sys.executable, "-m", "izlem_audit.cli", "check", str(SAMPLE), "--engine", "pdfium",
                        "--format", "html,xlsx", "--output", str(out), "-q"], cwd=ROOT)
        html = out.with_suffix(".html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(html.as_uri())
            page.screenshot(path=str(IMG / "html-desktop.png"))
            page.locator("#findings").scroll_into_view_if_needed()
            page.evaluate("document.querySelector('.group:nth-of-type(3)') && "
                          "document.querySelectorAll('.group')[2].scrollIntoView()")
            page.wait_for_timeout(300)
            page.screenshot(path=str(IMG / "html-findings.png"))
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.goto(html.as_uri())
            phone.screenshot(path=str(IMG / "html-phone.png"))
            browser.close()
        soffice = shutil.which("soffice")
        if soffice:
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
                            "--outdir", tmp, str(out.with_suffix(".xlsx"))], check=True, capture_output=True)
            subprocess.run(["pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-png", str(out.with_suffix(".pdf")),
                            str(Path(tmp) / "wb")], check=True)
            from PIL import Image

            im = Image.open(next(Path(tmp).glob("wb*.png")))
            im.crop((0, 0, im.width, im.height // 2)).save(IMG / "workbook-bulgular.png")
    for f in sorted(IMG.glob("*.png")):
        print(f.relative_to(ROOT))


if __name__ == "__main__":
    main()
