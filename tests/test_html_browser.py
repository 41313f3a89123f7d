"""The HTML report in a real headless Chromium (Debian's package): key elements visible, filters work, no
network request, readable at phone width. ``scripts/setup.sh`` installs Chromium when run as root (CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("Chromium is not installed; scripts/setup.sh installs the Debian package as root", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed")


@pytest.fixture(scope="module")
def html_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "rapor.html"
    pdf = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-libreoffice.pdf"
    subprocess.run([sys.executable, "-m", "izlem_audit.cli", "check", str(pdf), "--engine", "pdfium", "--format",
                    "html", "--output", str(out), "-q"], cwd=ROOT, timeout=300)
    assert out.is_file()
    return out


def test_html_in_chromium(html_report, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(html_report.as_uri())
            page.wait_for_load_state("load")
            for sel in ("#verdict", "#totals", "#severity", "#charts svg", ".filters", "article.finding"):
                assert page.locator(sel).first.is_visible(), sel
            assert "hata var" in page.locator("#verdict").inner_text()
            crop = page.locator("img.crop").first
            crop.scroll_into_view_if_needed()
            assert crop.evaluate("img => img.decode().then(() => img.naturalWidth)") > 100  # the picture really loads
            page.screenshot(path=str(tmp_path / "desktop.png"))
            assert (tmp_path / "desktop.png").stat().st_size > 10_000
            # the filter hides what is unticked
            n_error = page.locator("article.finding.error").count()
            assert n_error > 0
            page.locator('input[data-sev="error"]').uncheck()
            assert page.locator("article.finding.error:visible").count() == 0
            assert page.locator("article.finding.warning:visible").count() > 0
            # nothing but the file itself and its inline data
            assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
            # phone width: no sideways scrolling
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.goto(html_report.as_uri())
            assert phone.evaluate("document.documentElement.scrollWidth") <= 392
            assert phone.locator("#verdict").is_visible()
        finally:
            browser.close()
