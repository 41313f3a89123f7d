"""A table without vertical rules broken across pages, its header not repeated (``reading/stream_grid.py``).

``fixtures/pdfs/ovacik-2025-6-*.pdf`` (``fixtures/build/stream_split.py``; reportlab, LibreOffice and Chromium)
break H1's 25-row gösterge table between pages 1 and 2: page 1 ends with rows under the header and no closing
rule, page 2 begins with rows under no header that end at the table's last rule. ``tests/test_extraction.py``
reads them cell for cell against their truth with every engine; here: the planted error on page 2 is the only
finding, the rows on page 2 are read with page 1's columns, and without the page before they are not a table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from izlem_audit.extract import extract, open_source
from izlem_audit.reading.grid import build_tables
from izlem_audit.reading.layout import page_blocks
from izlem_audit.reading.stream_grid import StreamCarry, stream_tables
from izlem_audit.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "fixtures" / "pdfs").glob("ovacik-2025-6-*.pdf"))


def test_three_producers():
    assert {p.stem.rsplit("-", 1)[1] for p in PDFS} == {"reportlab", "libreoffice", "chromium"}


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_planted_error_after_the_break_is_the_only_finding(pdf, engine):
    """PG23 (page 2) prints 50,00 for 4.400 / 9.000 = 48,89: caught; the other rows of page 2, printed right,
    give nothing."""
    report = extract(pdf, engine=engine)
    findings, _ = run_rules(report)
    assert [(f.id, f.reported, round(f.expected, 2)) for f in findings] == [("IZ101-A1-H1-PG23-6ay", 50.0, 48.89)]
    g = report.hedefler[0].gostergeler
    assert len(g) == 25 and g[0].evidence.page == 1 and g[-1].evidence.page == 2  # the table does break


def _pages(pdf: Path) -> list:
    source = open_source(pdf, "pdfium", None)
    try:
        return [source.page(1), source.page(2)]
    finally:
        source.close()


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_rows_after_the_break_take_the_columns_of_the_page_before(pdf):
    first, second = _pages(pdf)
    carry = StreamCarry()
    one = [b.table for b in page_blocks(first, carry) if b.table is not None and b.table.open_bottom]
    assert len(one) == 1 and carry.page == 1 and carry.xs == one[0].xs  # left open at the foot of page 1
    assert len(one[0].xs) - 1 == 9  # Sıra No … Açıklama
    two = [b.table for b in page_blocks(second, carry) if b.table is not None]
    rest = two[0]  # the first table of page 2: the rows under no header
    assert rest.open_top and rest.xs[1:-1] == one[0].xs[1:-1]
    # every gösterge once, PG1 … on page 1, the rest on page 2 (LibreOffice cuts a row: the top of page 2 is the
    # rest of page 1's last row, with no code of its own, joined by the assembler)
    codes = [r[1].flat for t in (one[0], rest) for r in t.rows()[0 if t is rest else 1:] if r[1].flat]
    assert codes == [f"PG{k}" for k in range(1, 26)]
    assert carry.page is None  # nothing left open at the foot of page 2


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_without_the_page_before_the_rows_are_no_table(pdf):
    """Read alone, page 2's rows under no header are not taken for a table (no columns are invented for them),
    nor is page 1's open piece kept for a next page that is not read. After a table of another width left open,
    no columns are invented either: the rows are that table's rest whose columns cannot be told (one cell marked
    ``unplaced``, a reading problem for the assembler), not a table read with the other table's columns."""
    _, second = _pages(pdf)
    tables, outside = build_tables(second)
    alone, _ = stream_tables(second, tables, outside)
    assert not any(t.open_top for t in alone)
    other = StreamCarry(page=1, xs=[10.0, 50.0, 90.0, 130.0])  # a table of another width left open
    found, _ = stream_tables(second, tables, outside, other)
    rest = [t for t in found if t.open_top]
    assert all(t.unplaced and t.n_cols == 1 for t in rest)


def test_carry_matches_only_the_next_page_and_the_same_width():
    c = StreamCarry(page=3, xs=[40.0, 80.0, 300.0, 555.0])
    assert c.matches(4, 41.0, 554.0)
    assert not c.matches(5, 40.0, 555.0)  # a page between (skipped or not read)
    assert not c.matches(4, 40.0, 520.0)  # another table's width
    assert not StreamCarry().matches(1, 40.0, 555.0)
