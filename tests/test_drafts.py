"""Word and Excel drafts: read cell for cell as their truth, and the same findings as the PDF printed from them.

The drafts in ``fixtures/drafts/`` are written from the same raw documents as the PDFs (``python -m
fixtures.build``): the .docx is the file LibreOffice prints the ``*-libreoffice.pdf`` from, the .xlsx an Excel
draft of the same document (numbers stored as numbers with Turkish number formats in every other table, as
text in the others; the summary on a second sheet). The PDFs' findings are computed here from the committed
PDFs, never written down.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from helpers import cli as run, one_line
from izlem_audit.extract import extract, extract_draft
from izlem_audit.model import Report
from izlem_audit.reading.xlsx_source import format_number
from izlem_audit.rules.engine import run_rules
from test_extraction import compare
from test_fixture_calc import at_hidden_place

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted((ROOT / "fixtures" / "drafts").glob("*.*"))
DOCS = sorted({p.stem for p in DRAFTS})


def _key(f) -> tuple:
    d = f.to_dict()
    return (d["id"], d["rule"], d["severity"], d["reported"], d["expected"], d["tolerance"])


@lru_cache(maxsize=None)
def pdf_findings(pdf: Path) -> Counter:
    """The PDF's findings, but those on a gösterge whose value the PDF lost (Calc's ``###``, pinned in
    test_fixture_calc.HIDDEN): the draft holds the value, the PDF a reading problem there."""
    findings, _ = run_rules(extract(pdf, engine="pdfium"))
    return Counter(_key(f) for f in findings if not at_hidden_place(f, pdf.stem))


@lru_cache(maxsize=None)
def draft_report(path: Path) -> Report:
    return extract_draft(path, path.suffix[1:])


def test_drafts_exist_for_every_document():
    assert DOCS == ["cigli-2024-6", "dereboyu-2025-6", "rehber-2025-6"]
    assert {p.suffix for p in DRAFTS} == {".docx", ".xlsx"}


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_draft_equals_truth(draft: Path):
    import json

    truth = json.loads((ROOT / "fixtures" / "truth" / f"{draft.stem}.json").read_text(encoding="utf-8"))
    got = draft_report(draft).to_dict(evidence=False)
    diffs: list[str] = []
    n = compare(truth, got, "report", diffs)
    print(f"\n{draft.name}: {n} cells compared, {len(diffs)} differ")
    assert not diffs, f"{len(diffs)} of {n} cells differ:\n" + "\n".join(diffs[:40])
    counts = Report.from_dict(truth).counts()
    assert n > 5 * (counts["gosterge"] + counts["faaliyet"])


def _draft_pdf_pairs():
    for draft in DRAFTS:
        for pdf in sorted((ROOT / "fixtures" / "pdfs").glob(f"{draft.stem}-*.pdf")):
            yield pytest.param(draft, pdf, id=f"{draft.name}-{pdf.stem.rsplit('-', 1)[1]}")


@pytest.mark.parametrize("draft,pdf", list(_draft_pdf_pairs()))
def test_draft_gives_the_findings_of_its_pdf(draft: Path, pdf: Path):
    want = pdf_findings(pdf)
    findings, _ = run_rules(draft_report(draft))
    got = Counter(_key(f) for f in findings)
    print(f"\n{draft.name} vs {pdf.name}: {sum(got.values())} / {sum(want.values())} findings")
    assert sum(want.values()) > 0
    assert got == want, f"only in draft: {sorted(got - want)[:10]}\nonly in PDF: {sorted(want - got)[:10]}"


# ---------------------------------------------------------------------------------------------- evidence


def _parse_tr(text: str) -> list[float] | None:
    """The numbers of a cell, one per line (``40,00`` / ``45,00``); None for a text cell."""
    out = []
    for line in text.split("\n"):
        t = line.strip().replace("%", "").strip()
        if not re.fullmatch(r"-?[\d.]+(,\d+)?", t):
            return None
        out.append(float(t.replace(".", "").replace(",", ".")))
    return out


def _xlsx_cell_value(path: Path, ref: str) -> list[float] | None:
    from openpyxl import load_workbook

    sheet, coord = ref.rsplit("!", 1)
    wb = load_workbook(path)
    c = wb[sheet.strip("'")][coord]
    if isinstance(c.value, (int, float)):
        return [c.value * (100 if "%" in c.number_format else 1)]
    return _parse_tr(str(c.value or ""))


def _docx_cell_value(path: Path, ref: str) -> list[float] | None:
    from docx import Document

    m = re.fullmatch(r"Tablo (\d+), satır (\d+), sütun (\d+)", ref)
    assert m, ref
    table = Document(str(path)).tables[int(m.group(1)) - 1]
    return _parse_tr(table.cell(int(m.group(2)) - 1, int(m.group(3)) - 1).text)


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_draft_findings_point_at_the_printed_cell(draft: Path):
    """Every finding has a cell reference instead of a page and box; the referenced cell holds the value the
    finding reports (read back from the file with python-docx / openpyxl, not with the reader under test)."""
    findings, _ = run_rules(draft_report(draft))
    assert findings
    checked = 0
    for f in findings:
        assert f.page is None and f.bbox is None and f.row_bbox is None
        assert f.ref, f"{f.rule} {f.location} has no reference"
        if f.reported is None or f.rule in ("IZ204", "IZ603", "IZ604", "IZ605") or "Paragraf" in f.ref:
            continue
        if draft.suffix == ".xlsx" and re.search(r"![A-Z]+\d+$", f.ref) and not f.ref.split("!")[1].startswith("A"):
            value = _xlsx_cell_value(draft, f.ref)
        elif draft.suffix == ".docx" and "sütun" in f.ref:
            value = _docx_cell_value(draft, f.ref)
        else:
            continue
        if value is None:  # a text cell (an Açıklama): the value is inside the text
            continue
        assert any(abs(v - f.reported) < 1e-6 for v in value), (f.rule, f.location, f.ref, value, f.reported)
        checked += 1
    print(f"\n{draft.name}: {checked} of {len(findings)} references checked against the file")
    assert checked >= min(3, len(findings))


# ---------------------------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("value,fmt,printed", [
    (39400000, "#,##0.00", "39.400.000,00"),
    (61.21, "0.00", "61,21"),
    (61.21, "General", "61,21"),
    (6475, "General", "6475"),
    (0.97, "0%", "%97"),
    (0.4275, "0.00%", "%42,75"),
    (-5, "0.00", "-5,00"),
    (12.5, "0.0#", "12,5"),
    (12.25, "0.0#", "12,25"),
    (1234.5, '#,##0.00 "TL"', "1.234,50"),
    (0.004, "0.00", "0,00"),
])
def test_excel_numbers_print_the_turkish_way(value, fmt, printed):
    assert format_number(value, fmt) == printed


# ---------------------------------------------------------------------------------------------- input kinds


def test_unsupported_file_names_what_is_accepted(tmp_path):
    p = tmp_path / "notlar.txt"
    p.write_text("bir rapor değil")
    line = one_line(run("check", str(p)))
    assert "PDF" in line and ".docx" in line and ".xlsx" in line
    assert "yayımladığı" not in line
    line = one_line(run("check", str(p), "--lang", "en"))
    assert "PDF" in line and ".docx" in line and ".xlsx" in line


def test_old_word_file_is_told_to_be_saved_as_docx(tmp_path):
    p = tmp_path / "taslak.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    line = one_line(run("check", str(p)))
    assert ".docx" in line and "PDF'i verin" not in line


def test_damaged_docx_is_one_line_without_pdf_advice(tmp_path):
    src = ROOT / "fixtures" / "drafts" / "rehber-2025-6.docx"
    p = tmp_path / "taslak.docx"
    p.write_bytes(src.read_bytes()[:4000])
    line = one_line(run("check", str(p)))
    assert "bozuk" in line and "yayımladığı" not in line


def test_docx_without_hedef_tables(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Toplantı notları")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Ad"
    t.cell(0, 1).text = "Görev"
    p = tmp_path / "notlar.docx"
    doc.save(str(p))
    line = one_line(run("check", str(p)))
    assert "hedef tablosu okunamadı" in line and "1 tablo incelendi: Tablo 1" in line


def test_check_a_draft_writes_every_format(tmp_path):
    draft = ROOT / "fixtures" / "drafts" / "rehber-2025-6.xlsx"
    out = tmp_path / "rapor"
    proc = run("check", str(draft), "--format", "html,xlsx,md,json", "--output", str(out), "--quiet")
    assert proc.returncode == 1, proc.stderr  # the fixture has planted errors
    html = (tmp_path / "rapor.html").read_text(encoding="utf-8")
    assert "Taslakta yeri" in html and "İzleme!" in html
    assert "İzleme!" in (tmp_path / "rapor.md").read_text(encoding="utf-8")
