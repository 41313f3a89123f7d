"""A report in a layout the reader does not know ends with one line that names the pages that look like tables,
what a hedef table needs that they lack, and the debug command to look at them — in Turkish and in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from izlem_audit.diagnose import page_ranges
from helpers import cli as run, one_line




def _pdf(path: Path, rows: list[list[str]] | None, grid: bool = True, text_lines: list[str] = ()) -> Path:
    """Page 1: a paragraph; page 2: the table (ruled on every side, or not at all) and lines of text."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    st = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Belediye faaliyet bilgileri", st), PageBreak()]
    if rows:
        t = Table(rows)
        if grid:
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story.append(t)
    story += [Paragraph(line, st) for line in text_lines]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_table_that_is_no_hedef_table(tmp_path):
    pdf = _pdf(tmp_path / "personel.pdf", [["Ad", "Görev", "Yıl"], ["Ali", "Şef", "2024"], ["Ayşe", "Uzman", "2025"]])
    line = one_line(run("check", str(pdf)))
    assert "sayfalar: 2;" in line
    assert "hedef ve gerçekleşme sütunu olan bir başlık satırı yok" in line
    assert "Amaç/Hedef satırı" in line
    assert f"izlem-audit debug {pdf} --page 2" in line
    line = one_line(run("check", str(pdf), "--lang", "en"))
    assert "Pages that look like tables: 2" in line and "no header row with a target and an actual column" in line
    assert f"izlem-audit debug {pdf} --page 2" in line


def test_hedef_columns_without_label_rows(tmp_path):
    """A gösterge table whose header the reader knows, but no Amaç/Hedef rows: only the labels are missing."""
    pdf = _pdf(tmp_path / "gostergeler.pdf", [
        ["Gösterge Kodu", "Gösterge Adı", "Hedef", "Gerçekleşme", "Gerçekleşme Oranı"],
        ["PG1", "Düzenlenen etkinlik sayısı (adet)", "100", "50", "50,00"]])
    line = one_line(run("extract", str(pdf)))
    assert "Amaç/Hedef satırı" in line
    assert "başlık satırı yok" not in line


def test_table_without_rules_is_named_as_such(tmp_path):
    lines = [f"PG{i}  Gösterge {i}  {i * 10},00  {i * 5},00  50,00" for i in range(1, 6)]
    pdf = _pdf(tmp_path / "cizgisiz.pdf", None, text_lines=lines)
    line = one_line(run("check", str(pdf)))
    assert "çizgili tablo yok" in line and "--page 2" in line


def test_draft_names_its_tables(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Notlar")
    for _ in range(2):
        t = doc.add_table(rows=2, cols=3)
        for j, text in enumerate(("Ad", "Görev", "Yıl")):
            t.cell(0, j).text = text
    p = tmp_path / "notlar.docx"
    doc.save(str(p))
    line = one_line(run("check", str(p)))
    assert "2 tablo incelendi: Tablo 1, Tablo 2" in line and "başlık satırı yok" in line
    assert "debug" not in line and "PDF'i verin" not in line


def test_debug_on_a_draft_says_what_to_do(tmp_path):
    draft = Path(__file__).resolve().parents[1] / "fixtures" / "drafts" / "rehber-2025-6.xlsx"
    line = one_line(run("debug", str(draft), "--page", "1"))
    assert "extract" in line and ".xlsx" in line


@pytest.mark.parametrize("pages,text", [([2], "2"), ([3, 4, 5, 8], "3-5, 8"), ([1, 3], "1, 3")])
def test_page_ranges(pages, text):
    assert page_ranges(pages) == text
