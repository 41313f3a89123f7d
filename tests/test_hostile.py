"""Hostile and damaged input: text from the PDF is never markup or a formula in any output; scans, garbled
text and pages that take too long are reported, not silently skipped."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fixtures.build.mutants import set_faaliyet, set_gosterge
from fixtures.build.reference import build as build_reference
from fixtures.build.render_reportlab import render_reportlab

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
FORMULAS = ['=HYPERLINK("http://evil.example","tıkla")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3+cmd|x"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory) -> Path:
    raw = build_reference()
    # quoted by IZ504 (the açıklama says nothing was done while the value rose): the script reaches the messages
    set_gosterge(raw, "A1", "H2", None, "PG4", 6, "note", f"{SCRIPT} iş kazası bildirimi bulunmamaktadır.")
    set_gosterge(raw, "A1", "H1", None, "PG1", 3, "note", FORMULAS[0])
    set_gosterge(raw, "A1", "H1", None, "PG1", 6, "note", FORMULAS[1])
    set_gosterge(raw, "A1", "H1", None, "PG2", 3, "note", FORMULAS[2])
    set_gosterge(raw, "A1", "H1", None, "PG2", 6, "note", FORMULAS[3])
    set_faaliyet(raw, "A1", "H3", None, "F1", "rate", "51,17")  # a finding whose row is in the workbook
    for t in raw["elements"]:  # A4's title differs across blocks (IZ604 quotes both titles)
        if t["type"] == "table" and t["role"] == "hedef_header" and t["rows"][1][1]["text"].startswith("Denetimlerle"):
            t["rows"][0][1]["text"] = f"Çiğl'de {IMG} Süreçleri"
    pdf = tmp_path_factory.mktemp("hostile") / "hostile.pdf"
    render_reportlab(raw, pdf)
    return pdf


@pytest.fixture(scope="module")
def outputs(hostile_pdf, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = run("check", str(hostile_pdf), "--engine", "pdfium", "--format", "html,xlsx,md", "--output",
               str(out / "rapor"), "-q")
    assert proc.returncode == 1, proc.stderr
    assert run("extract", str(hostile_pdf), "--engine", "pdfium", "--format", "csv", "--output",
               str(out / "tablolar.csv"), "-q").returncode == 0
    return out


def test_html_escapes_pdf_text(outputs):
    html = (outputs / "rapor.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    # the only script is the report's own filter code
    assert html.count("<script>") == 1


def test_markdown_escapes_pdf_text(outputs):
    md = (outputs / "rapor.md").read_text(encoding="utf-8")
    assert SCRIPT not in md and "&lt;script&gt;" in md


def test_workbook_cells_cannot_be_formulas(outputs):
    from openpyxl import load_workbook

    wb = load_workbook(outputs / "rapor.xlsx")
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for f in FORMULAS:
        assert f not in texts and "'" + f in texts
    assert not any(t.startswith(("=", "+", "@")) or (t.startswith("-") and not t[1:2].isdigit()) for t in texts)
    # numbers stay numbers
    g = wb["Göstergeler"]
    assert any(isinstance(c.value, (int, float)) for row in g.iter_rows(min_row=2) for c in row)


def test_csv_cells_cannot_be_formulas(outputs):
    rows = list(csv.reader(io.StringIO((outputs / "tablolar.csv").read_text(encoding="utf-8-sig"))))
    cells = [c for r in rows for c in r]
    for f in FORMULAS:
        assert f not in cells and "'" + f in cells
    assert "6475.0" in cells  # numbers are written as numbers


def test_scan_without_text_layer_names_ocr(tmp_path):
    from PIL import Image, ImageDraw
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (800, 400), "white")
    ImageDraw.Draw(img).rectangle([50, 50, 750, 350], outline="black", width=4)
    png = tmp_path / "scan.png"
    img.save(png)
    pdf = tmp_path / "taranmis.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawImage(str(png), 50, 400, 500, 250)
    c.showPage()
    c.save()
    proc = run("check", str(pdf), "-q")
    assert proc.returncode == 2 and "OCR" in proc.stderr and "--ocr" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    if not __import__("shutil").which("tesseract"):
        proc = run("check", str(pdf), "--ocr", "-q", "--lang", "en")
        assert proc.returncode == 2 and "apt-get install tesseract-ocr tesseract-ocr-tur" in proc.stderr


def test_garbled_text_is_reported(tmp_path):
    from izlem_audit.extract import garbled_share
    from izlem_audit.reading.page import Char, PageContent

    chars = [Char("(cid:12)", 0, 0, 1, 1)] * 30 + [Char("a", 0, 0, 1, 1)] * 10
    assert garbled_share(PageContent(1, 100, 100, chars, [])) == 0.75
    assert garbled_share(PageContent(1, 100, 100, [Char("a", 0, 0, 1, 1)], [])) == 0.0


def test_a_slow_page_is_stopped_and_reported(monkeypatch):
    from izlem_audit import extract as ex
    from izlem_audit.rules.engine import run_rules

    real = ex.open_source

    def slow_source(path, engine, password):
        src = real(path, engine, password)
        page = src.page

        def maybe_slow(n):
            if n == 2:
                time.sleep(5)
            return page(n)

        src.page = maybe_slow
        return src

    monkeypatch.setattr(ex, "open_source", slow_source)
    pdf = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf"
    t0 = time.monotonic()
    report = ex.extract(pdf, engine="pdfium", limits=ex.Limits(page_seconds=0.5))
    assert time.monotonic() - t0 < 4
    assert [(i.kind, i.page) for i in report.issues] == [("page_timeout", 2)]
    assert report.hedefler  # the other pages were read and checked
    findings, _ = run_rules(report)
    iz603 = [f for f in findings if f.rule == "IZ603"]
    assert len(iz603) == 1 and iz603[0].page == 2 and "0,5 saniyede" in iz603[0].message


def test_size_and_page_limits(tmp_path):
    pdf = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf"
    proc = run("check", str(pdf), "--max-pages", "2", "-q")
    assert proc.returncode == 2 and "--max-pages" in proc.stderr
    proc = run("check", str(pdf), "--max-size-mb", "0.001", "-q")
    assert proc.returncode == 2 and "--max-size-mb" in proc.stderr
