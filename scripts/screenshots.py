"""Make the screenshots in docs/img from the real outputs: the bundled sample report (Çiğli 2024, 6 months) for the
first screens, the guide-layout fixture (its planted errors) for a finding card, the phone evidence and the
annotated copy.

    .venv/bin/python scripts/screenshots.py

Needs Chromium (Debian package), pdftoppm (poppler-utils) and, for the workbook picture, LibreOffice (soffice).
Look at every picture it writes before committing it.
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
GUIDE = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-libreoffice.pdf"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def check(pdf: Path, out: Path, formats: str, annotate: Path | None = None) -> None:
    cmd = [sys.executable, "-m", "izlem_audit.cli", "check", str(pdf), "--engine", "pdfium", "--format", formats,
           "--output", str(out), "-q"]
    if annotate is not None:
        cmd += ["--annotate", str(annotate)]
    subprocess.run(cmd, cwd=ROOT)


def main() -> None:
    from playwright.sync_api import sync_playwright

    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sample, guide = Path(tmp) / "cigli", Path(tmp) / "rehber"
        check(SAMPLE, sample, "html,xlsx")
        check(GUIDE, guide.with_suffix(".html"), "html", annotate=Path(tmp) / "rehber-isaretli.pdf")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(sample.with_suffix(".html").as_uri())
            page.screenshot(path=str(IMG / "html-desktop.png"))
            card = browser.new_page(viewport={"width": 1400, "height": 1500})
            card.goto(guide.with_suffix(".html").as_uri())
            card.evaluate("document.querySelector('.filters').style.position = 'static'")  # not over the card
            card.locator("#findings-list article.finding").first.screenshot(path=str(IMG / "html-findings.png"))
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.goto(sample.with_suffix(".html").as_uri())
            phone.screenshot(path=str(IMG / "html-phone.png"))
            phone2 = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone2.goto(guide.with_suffix(".html").as_uri())
            phone2.evaluate("document.querySelector('#findings-list .evidence').scrollIntoView({block: 'center'})")
            phone2.wait_for_timeout(300)
            phone2.screenshot(path=str(IMG / "html-phone-evidence.png"))
            browser.close()
        annotated = Path(tmp) / "rehber-isaretli.pdf"
        for first, name in ((1, "annotated-legend"), (2, "annotated-page")):
            subprocess.run(["pdftoppm", "-r", "80", "-f", str(first), "-l", str(first), "-png", "-singlefile",
                            str(annotated), str(IMG / name)], check=True)
        sys.path.insert(0, str(ROOT))
        from fixtures.build import soffice  # LibreOffice run in one place

        if soffice.find():
            soffice.convert(sample.with_suffix(".xlsx"), sample.with_suffix(".pdf"))
            subprocess.run(["pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-png", str(sample.with_suffix(".pdf")),
                            str(Path(tmp) / "wb")], check=True)
            from PIL import Image

            im = Image.open(next(Path(tmp).glob("wb*.png")))
            im.crop((0, 0, im.width, im.height // 2)).save(IMG / "workbook-bulgular.png")
    for f in sorted(IMG.glob("*.png")):
        print(f.relative_to(ROOT))


if __name__ == "__main__":
    main()
