"""The spreadsheet-printed fixtures (``fixtures/build/render_calc.py``: a workbook printed by LibreOffice Calc)
really are what they are meant to be, read from the PDFs alone (pdfplumber's words and rules, nothing of the
reader under test), so that the extraction and findings tests on them are known to cover each trait:

* printed by Calc (the PDF says so);
* ``calc-bordered``: every table cell ruled (vertical rules), the header printed again at the top of a page
  where a table goes on ("rows to repeat"), every column on the page of its header (fit to page width);
* what Calc lost: a column too narrow for a number prints ``###`` (``HIDDEN``: the cells each rendering lost,
  pinned here and used by the extraction, findings and draft tests — the reader must leave them empty and say
  so as a reading problem, never as an error of the report).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "fixtures" / "pdfs"
RAW = ROOT / "fixtures" / "raw"

DOCS = ("cigli-2024-6", "rehber-2025-6")
BORDERED = [f"{d}-calc-bordered" for d in DOCS]
CALC = BORDERED

# The cells Calc printed as ### (the column too narrow for the number at the bordered style's 10 pt):
# rendering -> [(amac, hedef, item, period or None, field, the value the raw document holds)]
HIDDEN: dict[str, list[tuple[str, str, str, int | None, str, str]]] = {
    "cigli-2024-6-calc-bordered": [("A1", "H3", "PG5", None, "target", "39.400.000,00"),
                                   ("A1", "H3", "PG5", 6, "actual", "16.156.192,00")],
}


def hidden_places(stem: str) -> set[tuple[str, str, str]]:
    """(amac, hedef, item) of every value a rendering lost: the places whose checks cannot be run on it."""
    return {(a, h, item) for a, h, item, *_ in HIDDEN.get(stem, [])}


def at_hidden_place(f, stem: str) -> bool:
    """Whether a finding stands on a gösterge whose value the rendering lost (its reading problem, or a check
    turned into "not checked", or the hedef's checks that take every gösterge)."""
    return any((f.amac, f.hedef) == (a, h) and f.item in (item, None) for a, h, item in hidden_places(stem))


def hidden_truth(truth: dict, stem: str) -> dict:
    """The truth of a rendering that lost cells: those cells empty, and a ``hidden_value`` reading problem each
    (the reader adds them after the others, in reading order)."""
    for amac, hedef, item, period, field, _text in HIDDEN.get(stem, []):
        block = next(h for h in truth["hedefler"] if (h["amac"], h["hedef"]) == (amac, hedef)
                     and any(g["code"] == item for g in h["gostergeler"]))
        g = next(g for g in block["gostergeler"] if g["code"] == item)
        target = g if period is None else next(p for p in g["periods"] if p["month"] == period)
        assert target[field] is not None
        target[field] = None
        truth["issues"].append({"kind": "hidden_value", "amac": amac, "hedef": hedef, "performans_hedefi": None,
                                "item": item, "period": period, "detail": {"text": "###", "field": field},
                                "origin": "reader"})
    return truth


@lru_cache(maxsize=None)
def _pages(stem: str):
    """Per page: (words, vertical rules as (x, top, bottom)), from pdfplumber."""
    import pdfplumber

    out = []
    with pdfplumber.open(PDFS / f"{stem}.pdf") as pdf:
        meta = dict(pdf.metadata)
        for page in pdf.pages:
            words = page.extract_words()
            verticals = [(e["x0"], e["top"], e["bottom"]) for e in page.lines + page.rects
                         if abs(e["x1"] - e["x0"]) < 2.0 and e["bottom"] - e["top"] > 5.0]
            out.append((words, verticals, page.width))
    return meta, out


def _raw(doc: str) -> dict:
    return json.loads((RAW / f"{doc}.json").read_text(encoding="utf-8"))


def _header_starts(stem: str) -> list[tuple[int, float]]:
    """(page, top) of every printed table header: the cigli tables' ``Sıra`` / ``No`` cell, the guide table's
    ``Performans Göstergesi`` cell, in the table's first column."""
    _, pages = _pages(stem)
    out = []
    for n, (words, _, _) in enumerate(pages, start=1):
        for a, b in zip(words, words[1:]):
            first_col = a["x0"] < 45.0
            if first_col and (a["text"] == "Sıra" or (a["text"], b["text"]) == ("Performans", "Göstergesi")):
                out.append((n, a["top"]))
    return out


def _raw_headers(doc: str) -> int:
    """How many table headers the raw document prints once each."""
    n = 0
    for el in _raw(doc)["elements"]:
        if el["type"] != "table":
            continue
        first = [c["text"] for row in el["rows"] for c in row[:1] if c is not None]
        n += sum(t == "Sıra No" or t == "Performans Göstergesi" for t in first)
    return n


@pytest.mark.parametrize("stem", CALC)
def test_printed_by_calc(stem):
    meta, pages = _pages(stem)
    assert meta.get("Creator") == "Calc" and meta.get("Producer", "").startswith("LibreOffice")
    assert all(w["x1"] <= width for words, _, width in pages for w in words)


@pytest.mark.parametrize("doc", DOCS)
def test_bordered_repeats_its_header_rows(doc):
    """The header is printed again where a table goes on over a page: more headers printed than the document
    has (a repeat stands at the top of its page, under no other table text)."""
    stem = f"{doc}-calc-bordered"
    starts = _header_starts(stem)
    _, pages = _pages(stem)
    at_top = [n for n, top in starts if not any(w["top"] < top - 1.0 and w["x0"] < 45.0 for w in pages[n - 1][0])]
    print(f"\n{stem}: {len(starts)} headers printed, the document has {_raw_headers(doc)}")
    assert len(starts) >= _raw_headers(doc) + 2
    assert len(at_top) >= len(starts) - _raw_headers(doc)


@pytest.mark.parametrize("doc", DOCS)
def test_bordered_rules_every_cell_and_fits_the_page_width(doc):
    """Vertical rules between the columns on every table page, and the last column's label on the page of
    every header (no column pushed onto a page of its own)."""
    stem = f"{doc}-calc-bordered"
    _, pages = _pages(stem)
    last = "Açıklama" if doc.startswith("cigli") else "(C-A)/(B-A)"
    for n, _top in _header_starts(stem):
        words, verticals, width = pages[n - 1]
        assert len({round(x) for x, _, _ in verticals}) >= 6, n
        assert any(last in w["text"] for w in words), n


@pytest.mark.parametrize("stem", sorted(HIDDEN))
def test_hidden_cells_are_printed_as_hashes(stem):
    """The pinned cells are what Calc lost: ``###`` where their value should stand, and the value nowhere in
    the PDF's text; no other cell is lost."""
    _, pages = _pages(stem)
    words = [w["text"] for ws, _, _ in pages for w in ws]
    hashes = [w for w in words if set(w) == {"#"}]
    assert len(hashes) == len(HIDDEN[stem])
    for *_, text in HIDDEN[stem]:
        assert text not in words
    # the document holds them in the gösterge's row: Calc lost them, the report did not
    raw = _raw(stem.split("-calc")[0])
    rows = [[c["text"] for c in row if c is not None] for el in raw["elements"] if el["type"] == "table"
            for row in el["rows"]]
    for _a, _h, item, _p, _f, text in HIDDEN[stem]:
        assert any(text in row and (item in row or not any(r for r in row if r.startswith("PG"))) for row in rows)


# ------------------------------------------------------------------ the reader on a value the PDF lost


def _one_gosterge_report(target_text: str | None):
    from factories import Cell, good_hedef, report

    h = good_hedef()
    g = h.gostergeler[0]
    if target_text is not None:  # the target cell printed as the spreadsheet printed it, its value not read
        g.target = None
        g.evidence.cells["target"] = Cell(target_text, 1, (10, 10, 40, 20))
    return report(h)


@pytest.mark.parametrize("text,hidden", [("###", True), ("#", True), (" ## ## ", True), ("10,00", False),
                                          ("#1", False), ("", False), ("-", False)])
def test_is_hidden(text, hidden):
    from izlem_audit.assembling.hidden import is_hidden

    assert is_hidden(text) is hidden


def test_a_hidden_value_is_a_reading_problem_and_its_checks_not_run():
    from izlem_audit.assembling.hidden import report_hidden_values
    from izlem_audit.rules.engine import failing, run_rules

    r = _one_gosterge_report("###")
    assert report_hidden_values(r) == 1
    issue = r.issues[-1]
    assert (issue.kind, issue.origin, issue.item, issue.period, issue.page) == ("hidden_value", "reader", "PG1",
                                                                               None, 1)
    findings, _ = run_rules(r)
    problem = [f for f in findings if f.rule == "IZ603"]
    assert len(problem) == 1 and problem[0].origin == "reader" and "###" in problem[0].message
    # the rate checks of PG1 (target missing) say "not checked", nothing fails the gate
    assert [f for f in findings if f.rule == "IZ103"] and all(
        f.not_checked == 1 and f.severity == "info" for f in findings if f.rule == "IZ103")
    assert not failing(findings, "warning")


def test_a_printed_or_missing_value_is_no_hidden_value():
    """The other side: a value printed (read) or left empty by the report is not a spreadsheet's ###; an empty
    target stays the report's own IZ103."""
    from izlem_audit.assembling.hidden import report_hidden_values
    from izlem_audit.rules.engine import run_rules

    assert report_hidden_values(_one_gosterge_report(None)) == 0
    r = _one_gosterge_report("")
    assert report_hidden_values(r) == 0
    findings, _ = run_rules(r)
    assert not [f for f in findings if f.origin == "reader"]
    assert any(f.rule == "IZ103" and f.not_checked is None for f in findings)
