"""A spreadsheet printed without cell borders (``fixtures/build/render_calc.py``, style ``calc-plain``: LibreOffice
Calc, gridlines off, a rule under each table's header and under its last row, no vertical rules, rows broken
across pages without the header repeated, a ``N / M`` page footer). Kept in ``fixtures/calc/``, apart from the
producer lists: the whole report is not read cell for cell yet (the summary tables and some page breaks are
left; docs/architecture.md). What the stream reader (``reading/stream_grid.py``) does read of it is held here:

* a header printing its year (``2024`` over ``Hedef | Ay | Gerçekleşme``) is a header, not rows of figures;
* Calc pads its cells by well under a point: the columns are the narrow gaps at a text's left edge or a
  figure's right edge, not only gaps wider than a word space;
* a header label left over figures right is one column, not two;
* a figure under a line without one in its column starts the next sub-row (each month's own Açıklama);
* a page number under the rows is the footer, not a row; a header alone at a page's foot reads its rows on the
  next page.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from izlem_audit.extract import extract
from izlem_audit.reading.engines import engine_named, rule_grids
from izlem_audit.reading.stream_grid import _columns, _holds_figure, _Word
from test_extraction import compare

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "fixtures" / "calc" / "cigli-2024-6-calc-plain.pdf"


@lru_cache(maxsize=None)
def _blocks() -> dict[int, list]:
    source = engine_named("pdfium").open(PDF, None)
    find = rule_grids()
    try:
        return {n: find(source.page(n)) for n in range(1, 7)}
    finally:
        source.close()


def _cells(table) -> dict[tuple[int, int], str]:
    return {(c.row, c.col): c.flat for c in table.cells}


def test_the_print_has_no_vertical_rules_in_its_tables_and_breaks_rows_without_header():
    import pdfplumber

    with pdfplumber.open(PDF) as pdf:
        assert pdf.metadata.get("Creator") == "Calc"
        page = pdf.pages[3]
        words = page.extract_words()
        top = min(w["top"] for w in words)
        first_line = "".join(w["text"] for w in sorted((w for w in words if w["top"] < top + 2), key=lambda w: w["x0"]))
        verticals = [e for e in page.lines + page.rects if abs(e["x1"] - e["x0"]) < 2 and e["bottom"] - e["top"] > 5]
        codes = [w for w in words if "PG" in w["text"]]
    # page 4 starts with rows (no header repeated): Sıra No 1, PG1 (pdfplumber joins Calc's close cells); no
    # rule crosses a gösterge row
    assert first_line.startswith("1PG1") and not first_line.startswith("Sıra")
    assert codes and not any(v["top"] <= c["top"] <= v["bottom"] for v in verticals for c in codes)


def test_a_header_with_its_year_and_calc_narrow_columns():
    tables = [b.table for b in _blocks()[3] if b.table is not None]
    gosterge = next(t for t in tables if len(t.xs) == 10)
    cells = _cells(gosterge)
    assert cells[(0, 0)] == "Sıra No" and cells[(0, 4)] == "2024 Hedef" and cells[(0, 5)] == "Ay"
    assert [cells[(1, k)] for k in range(8)] == ["1", "PG1", "Vatandaş İlişkileri Yönetim Sistemine alınan kayıt "
                                                  "sayısı (adet)", "40,00", "50.000,00", "3", "6.475,00", "12,95"]
    # the 6-month sub-row is a row of its own, with its own Açıklama
    assert [cells[(2, k)] for k in (5, 6, 7)] == ["6", "18.017,00", "36,03"]
    assert cells[(1, 8)] != cells[(2, 8)] and cells[(2, 8)].startswith("Çağrı Merkezi")
    faaliyet = next(t for t in tables if len(t.xs) == 8)
    cells = _cells(faaliyet)
    assert [cells[(1, k)] for k in (0, 1, 3, 4, 5)] == ["1", "F1", "115.000,00", "0,00", "0,00"]


def test_a_header_alone_at_the_foot_and_its_rows_on_the_next_page():
    last = [b.table for b in _blocks()[3] if b.table is not None][-1]
    assert last.n_rows == 1 and _cells(last)[(0, 0)] == "Sıra No"
    first = next(b.table for b in _blocks()[4] if b.table is not None)
    cells = _cells(first)
    assert first.open_top and len(first.xs) == 10
    assert [cells[(0, k)] for k in (0, 1, 3, 4, 5, 6, 7)] == ["1", "PG1", "20,00", "45,00", "3", "1,00", "2,22"]


def test_the_footer_is_no_row():
    for n in range(1, 7):
        for b in _blocks()[n]:
            if b.table is not None:
                assert not any(f"{n} / " in c.flat for c in b.table.cells), n


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_the_first_hedef_blocks_read_as_their_truth(engine):
    """A1 H1, H3, H4 and H5 (pages 3-7: month sub-rows, a table continued on the next page without its header)
    read cell for cell as the truth, with both engines."""
    truth = json.loads((ROOT / "fixtures" / "truth" / "cigli-2024-6.json").read_text(encoding="utf-8"))
    report = extract(PDF, engine=engine, pages=list(range(1, 9))).to_dict(evidence=False)
    got = {(h["amac"], h["hedef"]): h for h in report["hedefler"]}
    n = 0
    for k in (0, 2, 3, 4):
        want = truth["hedefler"][k]
        diffs: list[str] = []
        n += compare(want, got.get((want["amac"], want["hedef"])), f"hedefler[{k}]", diffs)
        assert not diffs, diffs[:10]
    assert n > 400


def _w(x0, x1, top, text):
    return _Word(x0, x1, top, top + 6, text)


def test_narrow_gaps_are_columns_only_at_an_alignment_edge():
    # Sıra No figures aligned right at x=20, codes aligned left at x=21.5: a 1,5 pt gap (under a word space)
    header = [_w(2, 18, -10, "Sıra"), _w(21.5, 40, -10, "Kodu")]
    body = [_w(16, 20, 0, "1"), _w(21.5, 33, 0, "PG1"), _w(12, 20, 10, "10"), _w(21.5, 37, 10, "PG10")]
    assert _columns(header, body, 0, 60) == [pytest.approx(20.75)]
    # the other side: a gap as narrow with nothing flush beside it in two lines is a word space, no column
    words = [_w(2, 19, 0, "Bir"), _w(20.5, 35, 0, "ad"), _w(2, 30, 10, "ikinci"), _w(31, 50, 10, "satır")]
    assert _columns([], words, 0, 60) == []
    # and a column of figures under a label aligned left is one column (label over figures, not two)
    header = [_w(2, 18, -10, "Sıra"), _w(21.5, 31, -10, "Hedef")]
    body = [_w(16, 20, 0, "1"), _w(45, 58, 0, "45,00"), _w(12, 20, 10, "10"), _w(40, 58, 10, "100,00")]
    assert _columns(header, body, 0, 60) == [pytest.approx(20.75)]


def test_a_year_is_no_figure_in_a_header():
    from izlem_audit.reading.page import Char

    def chars(text, x=0.0):
        out = []
        for ch in text:
            out.append(Char(ch, x, 0.0, x + 5.0, 8.0, 8.0) if not ch.isspace() else Char(ch, x, 0.0, x + 2, 8.0, 8.0))
            x += 5.0
        return out

    assert not _holds_figure(chars("2024 Hedef Ay"))
    assert _holds_figure(chars("2.500,00"))
    assert _holds_figure(chars("Hedef 45"))
