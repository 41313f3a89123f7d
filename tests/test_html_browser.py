"""The HTML report in a real headless Chromium (Debian's package), as each user sees it: the first screen at
desktop and phone width names the municipality and gives the verdict and the counts; every finding card is
written as an audit finding; filters work; no network request; evidence text readable on a phone (measured);
printed to PDF, no heading is left alone at the bottom of a page and pages are numbered.
``scripts/setup.sh`` installs Chromium when run as root (CI)."""

from __future__ import annotations

import os
import re
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


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height


@pytest.mark.parametrize("width,height", [(1400, 900), (390, 844)])
def test_first_screen(html_report, browser, width, height):
    page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(html_report.as_uri())
    page.wait_for_load_state("load")
    for sel in ("#municipality", "#report-title", "#verdict", "#counts"):
        assert page.locator(sel).first.is_visible(), sel
        assert _in_first_screen(page, sel), (sel, width)
    assert page.locator("#municipality").inner_text() == "T.C. ÇİĞLİ BELEDİYESİ"
    assert re.match(r"Bu raporda \d+ hata var", page.locator("#verdict").inner_text())
    counts = page.locator("#counts .count").all_inner_texts()
    labels = " ".join(counts)
    for word in ("yeniden hesaplandı", "tutuyor", "tutmuyor", "denetlenemedi", "hata", "sonuç bulgusu", "uyarı",
                 "okunamayan yer", "bastırılan bulgu"):
        assert word in labels, word
    assert all(re.match(r"^\d+\s", c) for c in counts)  # counts are integers
    # the counts box ends on the first screen at desktop width; the findings start right after it
    if width >= 1000:
        assert _in_first_screen(page, "#findings")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2  # no sideways scrolling
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []  # nothing from the network
    page.close()


def test_cards_filters_and_evidence(html_report, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(html_report.as_uri())
    cards = page.locator("#findings-list article.finding")
    n = cards.count()
    assert n > 20
    for i in range(n):
        heads = cards.nth(i).locator(":scope > h4").evaluate_all("els => els.map(e => e.textContent)")
        assert heads == ["Kriter", "Tespit", "Etki", "Öneri"], heads
        assert cards.nth(i).locator(":scope > h4").first.is_visible()
    crop = page.locator("img.crop").first
    crop.scroll_into_view_if_needed()
    assert crop.evaluate("img => img.decode().then(() => img.naturalWidth)") > 100  # the picture really loads
    # a click opens the whole page
    link = page.locator("a.pagelink").first
    target = link.get_attribute("href")
    link.click()
    view = page.locator(target)
    assert view.is_visible()
    assert view.locator("img").evaluate("img => img.decode().then(() => img.naturalWidth)") >= 800  # readable size
    page.locator(f"{target} a.close").click()
    # the filter hides what is unticked
    assert page.locator("article.finding.error").count() > 0
    page.locator('input[data-sev="error"]').uncheck()
    assert page.locator("#findings-list article.finding.error:visible").count() == 0
    assert page.locator("#findings-list article.finding.warning:visible").count() > 0
    page.close()


def test_evidence_text_readable_on_a_phone(html_report, browser):
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone.goto(html_report.as_uri())
    sizes = phone.evaluate("""async () => { const out = [];
        for (const img of document.querySelectorAll('#findings-list img.crop')) {
            await img.decode();
            const w = img.getBoundingClientRect().width;
            // text px = font size (pt) x picture pixels per point x shown width / natural width
            const px = parseFloat(img.dataset.fontPt) * parseFloat(img.dataset.scale) * w / img.naturalWidth;
            out.push([img.closest("article").id, px, w]);
        } return out; }""")
    assert len(sizes) > 20
    small = [s for s in sizes if not s[1] >= 11]
    print("evidence text at 390 px: min %.1f px, median %.1f px over %d pictures" % (
        min(s[1] for s in sizes), sorted(s[1] for s in sizes)[len(sizes) // 2], len(sizes)))
    assert small == []
    assert max(s[2] for s in sizes) <= 390  # scaled to the width
    phone.close()


def test_print_keeps_headings_with_their_text(html_report, browser, tmp_path):
    import pypdfium2 as pdfium

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(html_report.as_uri())
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what the browser does before printing
    headings = [h.strip() for h in page.locator("h1, h2, h3, h4").all_inner_texts() if h.strip()]  # as shown
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    doc = pdfium.PdfDocument(str(pdf))
    folded = [h.casefold() for h in headings]
    alone = []
    numbered = 0
    for i in range(len(doc)):
        text = doc[i].get_textpage().get_text_range()
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        footer = [ln for ln in lines if re.fullmatch(rf"{i + 1} / {len(doc)}", ln)]
        if footer:  # the page number from the print stylesheet's page margin (text order may put it first)
            numbered += 1
            lines.remove(footer[0])
        if not lines:
            continue
        last = lines[-1].casefold()
        if len(last) >= 4 and any(last == h or (last in h and len(last) > 0.5 * len(h)) or
                                  (h in last and len(h) > 0.5 * len(last)) for h in folded):
            alone.append((i + 1, lines[-1]))
    assert numbered == len(doc)  # every page carries its number
    assert alone == [], alone
    # the criterion texts are printed, not folded away
    from izlem_audit.rules.registry import REGISTRY

    all_text = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert " ".join(REGISTRY["IZ104"].rationale_tr.split()[:6]) in " ".join(all_text.split())
    print(f"printed: {len(doc)} pages, {len(headings)} headings, none alone at a page bottom")
