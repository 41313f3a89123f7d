"""Tables without vertical rules (``reading/stream_grid.py``): the grid from text alignment.

``fixtures/pdfs/dereboyu-2025-6-*.pdf`` (reportlab and Chromium) draw their gösterge and faaliyet tables with a
rule under the header and one under the last row only; ``tests/test_extraction.py`` reads them cell for cell
against their truth with every engine. Here: the planted error gives exactly its finding, the same document
with every cell ruled gives the same findings, and the stream reader finds no table on pages whose tables are
fully ruled (so it never adds a table to the old layouts).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from izlem_audit.extract import extract, open_source
from izlem_audit.reading.grid import build_tables
from izlem_audit.reading.stream_grid import stream_tables
from izlem_audit.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[1]
STREAM_PDFS = sorted((ROOT / "fixtures" / "pdfs").glob("dereboyu-2025-6-*.pdf"))


def _ids(pdf: Path, engine: str = "pdfium") -> list[tuple]:
    return sorted((f.id, f.reported, f.expected) for f in run_rules(extract(pdf, engine=engine))[0])


def test_two_producers():
    assert {p.stem.rsplit("-", 1)[1] for p in STREAM_PDFS} >= {"reportlab", "chromium"}


@pytest.mark.parametrize("pdf", STREAM_PDFS, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_planted_error_is_the_only_finding(pdf, engine):
    assert _ids(pdf, engine) == [("IZ101-A1-H2-PG2-6ay", 45.0, 40.0)]


def test_same_findings_as_the_fully_ruled_print(tmp_path):
    from fixtures.build.render_reportlab import render_reportlab

    raw = json.loads((ROOT / "fixtures" / "raw" / "dereboyu-2025-6.json").read_text(encoding="utf-8"))
    ruled = copy.deepcopy(raw)
    for el in ruled["elements"]:
        el.pop("rules", None)
    render_reportlab(ruled, tmp_path / "ruled.pdf")
    assert _ids(tmp_path / "ruled.pdf") == _ids(ROOT / "fixtures" / "pdfs" / "dereboyu-2025-6-reportlab.pdf")


def test_stream_tables_have_the_printed_shape():
    source = open_source(ROOT / "fixtures" / "pdfs" / "dereboyu-2025-6-reportlab.pdf", "pdfium", None)
    try:
        page = source.page(1)
    finally:
        source.close()
    ruled, outside = build_tables(page)
    found, rest = stream_tables(page, ruled, outside)
    assert len(ruled) == 3  # the key/value boxes
    # header + one row per gösterge (2) or faaliyet (2), 9 and 7 columns, alternating
    assert [(t.n_rows, t.n_cols) for t in found] == [(3, 9), (3, 7)] * 3
    first = found[0]
    name = next(c for c in first.cells if c.row == 1 and c.col == 2)
    assert name.flat.startswith("Kişi başına") and name.flat.endswith("(m²)") and len(name.lines) >= 2
    months = next(c for c in first.cells if c.row == 1 and c.col == 5)
    assert [ln.text for ln in months.lines] == ["3", "6"]


@pytest.mark.parametrize("doc", ["rehber-2025-6-reportlab", "cigli-2024-6-libreoffice"])
def test_no_stream_table_on_fully_ruled_pages(doc):
    pdf = ROOT / "fixtures" / "pdfs" / f"{doc}.pdf"
    source = open_source(pdf, "pdfium", None)
    try:
        import pypdfium2 as pdfium

        n = len(pdfium.PdfDocument(str(pdf)))
        for k in range(1, n + 1):
            page = source.page(k)
            ruled, outside = build_tables(page)
            assert stream_tables(page, ruled, outside)[0] == [], f"page {k}"
    finally:
        source.close()


def test_a_hatching_pattern_is_not_a_table():
    """Hundreds of long rules with the same ends (a hatched area) are not read as a table, and quickly."""
    from izlem_audit.reading.page import Char, PageContent, Segment

    segments = [Segment(50, 100 + 0.5 * k, 500, 100 + 0.5 * k) for k in range(1000)]
    chars = [Char(str(k % 10), 60 + 6 * (k % 70), 90 + 10 * (k // 70), 65 + 6 * (k % 70), 97 + 10 * (k // 70), 7)
             for k in range(3000)]
    page = PageContent(1, 595, 842, chars, segments)
    assert stream_tables(page, [], chars) == ([], chars)
