"""Page-level conservation on scanned pages: every number word Tesseract reads is placed in the model, lies in a
line of prose, or is a reading problem; a table whose rules were missed is one reading problem naming the page
and the region (src/izlem_audit/assembling/conservation.py, ``Ledger.see_scan``).

The layout rules (prose, rows of columns, regions) are tested here on words laid out by hand, both sides of each
threshold, without Tesseract; the scans themselves (the 150-dpi scan's unread A1 H2 tables, the 200-dpi scans that
stay as they are) are read in ``tests/test_scan.py``, which runs Tesseract once per scan.
"""

from __future__ import annotations

import pytest

from izlem_audit.assembling.conservation import (COLUMN_GAP, LINE_OVERLAP, MIN_COLUMNS, REGION_GAP, SMALL_INTEGER,
                                                 Ledger, _lines, scan_layout)
from izlem_audit.model import Cell, Evidence, Faaliyet, Gosterge, Hedef, Period, Report, StructureIssue
from izlem_audit.reading.ocr import Word
from izlem_audit.rules.engine import run_rules

H = 8.0  # the height of every word laid out by hand (points)


def line(y: float, *items: tuple[float, str], conf: float = 90.0) -> list[Word]:
    """Words on one line at ``y``: (x, text) each, 4 points per character."""
    return [Word(text, x, y, x + 4 * len(text), y + H, conf) for x, text in items]


def prose(y: float, text: str, x: float = 50.0) -> list[Word]:
    """A sentence at word spacing (2 points between words)."""
    out = []
    for t in text.split():
        out.append(Word(t, x, y, x + 4 * len(t), y + H, 95.0))
        x += 4 * len(t) + 2
    return out


def table(y: float, rows: int = 3, step: float = 12.0) -> list[Word]:
    """Rows of a table without rules: code, name, target, actual, rate, each column at the same x."""
    out = []
    for i in range(rows):
        out += line(y + i * step, (50, f"PG{i + 1}"), (90, "Kişi sayısı"), (200, f"{i + 1}.000,00"),
                    (280, f"{i + 4}50,00"), (360, f"{i + 2}5,00"))
    return out


def where(numbers) -> dict[str, str]:
    return {s.text: s.where for s in numbers}


# ----------------------------------------------------------------------------- the layout rules


def test_a_line_of_prose_keeps_its_figures_as_prose():
    numbers, regions = scan_layout(1, prose(100, "2025 yılı ilk 6 ayında hedeflerin %52,20 oranında gerçekleştiği "
                                                    "görülmüştür") + line(800, (297, "1")))
    assert not regions
    assert where(numbers) == {"2025": "prose", "6": "prose", "%52,20": "prose", "1": "prose"}  # "1": page number


def test_rows_of_aligned_figures_are_a_region():
    numbers, regions = scan_layout(3, prose(80, "Göstergeler aşağıdadır.") + table(100))
    assert len(regions) == 1 and regions[0].page == 3 and regions[0].lines == 3
    x0, top, x1, bottom = regions[0].bbox
    assert (x0, top) == (50, 100) and x1 >= 360 and bottom == 100 + 2 * 12 + H
    assert {s.where for s in numbers if s.text != "Göstergeler"} == {"region"} and len(numbers) == 9


@pytest.mark.parametrize("gap,columns", [(COLUMN_GAP * H - 0.5, False), (COLUMN_GAP * H + 0.5, True)])
def test_the_column_gap_tells_a_row_from_a_sentence(gap, columns):
    # three lines "Hedef <gap> 45,00 <gap> 50,00": with gaps at word spacing they are a sentence, wider a row
    words = []
    for i in range(3):
        x2 = 50 + 20 + gap
        words += line(100 + 12 * i, (50, "Hedef"), (x2, "45,00"), (x2 + 20 + gap, "50,00"))
    numbers, regions = scan_layout(1, words)
    assert bool(regions) is columns
    assert {s.where for s in numbers} == ({"region"} if columns else {"prose"})


def test_figures_that_share_no_column_are_loose_rows_not_a_region():
    # two rows of columns whose figures stand at different x: no column of figures, so no table-like region;
    # each figure is reported on its own (never counted as prose)
    words = line(100, (50, "Toplam"), (200, "45,00")) + line(112, (50, "Ortalama"), (300, "50,00"))
    numbers, regions = scan_layout(1, words)
    assert not regions and where(numbers) == {"45,00": "row", "50,00": "row"}


@pytest.mark.parametrize("columns,region", [(1, False), (MIN_COLUMNS, True)])
def test_a_region_needs_two_columns_of_figures(columns, region):
    # figures one under the other in ``columns`` columns: one column is a list, two or more a table
    rows = [line(100 + 12 * i, (50, "Gösterge"), *[(200 + 80 * c, f"{i + c + 1}0,00") for c in range(columns)])
            for i in range(3)]
    numbers, regions = scan_layout(1, [w for r in rows for w in r])
    assert bool(regions) is region
    assert {s.where for s in numbers} == ({"region"} if region else {"row"})


def test_a_contents_page_is_no_table_and_its_page_numbers_are_text():
    words = (line(100, (50, "1."), (70, "Giriş"), (400, "3")) + line(112, (50, "2."), (70, "Amaçlar"), (400, "5"))
             + line(124, (50, "3."), (70, "Hedefler"), (400, "12")) + line(136, (50, "Genel"), (400, "%52,20")))
    numbers, regions = scan_layout(1, words)
    assert not regions
    assert where(numbers) == {"1.": "prose", "2.": "prose", "3.": "prose", "3": "prose", "5": "prose", "12": "prose",
                              "%52,20": "row"}  # section and page numbers are text, a figure is reported
    assert SMALL_INTEGER == 3 and where(scan_layout(1, line(100, (70, "Toplam"), (400, "1250")))[0]) == {"1250": "row"}


@pytest.mark.parametrize("shift,same_line", [((1 - LINE_OVERLAP) * H - 0.2, True),
                                             ((1 - LINE_OVERLAP) * H + 0.2, False)])
def test_a_word_shifted_down_by_more_than_half_its_height_is_on_the_next_line(shift, same_line):
    # "2.500,00" printed a little lower than its row (a figure read again in its own box) stays in the row while
    # it overlaps the row's band by half its height; lower, it is the next line (the second month's figure)
    words = line(100, (50, "PG1"), (100, "Kişi"), (200, "3")) + line(100 + shift, (300, "2.500,00"))
    assert (len(_lines(words)) == 1) is same_line


@pytest.mark.parametrize("gap,regions", [(REGION_GAP * H - 0.5, 1), (REGION_GAP * H + 0.5, 2)])
def test_rows_further_apart_than_the_region_gap_are_two_regions(gap, regions):
    words = table(100, rows=2) + table(100 + 12 + H + gap, rows=2)
    assert len(scan_layout(1, words)[1]) == regions


# ----------------------------------------------------------------------------- the ledger


def _report_with_pg(box) -> Report:
    cells = {"target": Cell("1.000,00", 1, box)}
    g = Gosterge("PG1", "x", target=1000.0, periods=[Period(6, 1.0, 1.0, evidence=Evidence(1, box, cells))])
    r = Report()
    r.hedefler = [Hedef("A1", "H1", gostergeler=[g])]
    return r


def test_unread_region_is_one_reading_problem_and_the_ledger_balances():
    words = prose(80, "2025 yılı verileri:") + table(100) + line(800, (297, "1"))
    report = _report_with_pg((199.0, 99.0, 233.0, 109.0))  # the first row's target was read into the model
    ledger = Ledger()
    ledger.see_scan(1, words, [])
    ledger.settle(report, [])
    problems = [i for i in report.issues if i.kind == "unread_table_region"]
    assert len(problems) == 1
    p = problems[0]
    assert p.origin == "reader" and p.page == 1 and p.bbox[1] == 100
    assert p.detail["count"] == 8 and "1.000,00" not in p.detail["numbers"] and "2.000,00" in p.detail["numbers"]
    assert p.detail["confidence"] == 90
    n = ledger.counts()
    assert n == {"seen": 11, "placed": 1, "reported": 8, "prose": 2}
    assert n["seen"] == n["placed"] + n["reported"] + n["prose"]


def test_the_region_names_the_hedef_blocks_that_may_hold_its_rows():
    def hedef(amac, code, page, top):
        box = (50.0, top, 500.0, top + 10)
        return Hedef(amac, code, page=page, evidence=Evidence(page, box, {"hedef": Cell(code, page, box)}))

    report = Report()
    report.hedefler = [hedef("A1", "H1", 1, 50.0), hedef("A1", "H2", 2, 50.0), hedef("A2", "H1", 2, 500.0)]
    ledger = Ledger()
    ledger.see_scan(2, table(300), [])  # between A1 H2 and A2 H1 on page 2
    ledger.see_scan(3, table(100), [])  # page 3: no block read there; A2 H1 goes on from page 2
    ledger.settle(report, [])
    named = {i.page: i.detail["hedefler"] for i in report.issues if i.kind == "unread_table_region"}
    assert named == {2: ["A1 H2", "A2 H1"], 3: ["A2 H1"]}


def test_the_region_is_named_after_the_hedef_labelled_last_above_it_on_its_page():
    """A hedef whose label rows were read but none of its figures is left out of the model (``unfilled``): an
    unread table under its labels is named after it; one under a hedef of the model after that one; a region with
    no labels above it on its page names none (its labels may be unread too)."""
    def hedef(amac, code, page, top):
        box = (50.0, top, 500.0, top + 10)
        return Hedef(amac, code, page=page, evidence=Evidence(page, box, {"hedef": Cell(code, page, box)}))

    report = Report()
    report.hedefler = [hedef("A1", "H1", 1, 50.0)]
    unfilled = [(1, (50.0, 300.0, 500.0, 310.0), ("A1", "H2", None))]
    ledger = Ledger()
    ledger.see_scan(1, table(100) + table(400), [])  # under A1 H1's labels, under A1 H2's
    ledger.see_scan(2, table(100), [])  # page 2: no labels above
    ledger.settle(report, [], unfilled)
    named = [(i.page, i.bbox[1], i.amac, i.hedef) for i in report.issues if i.kind == "unread_table_region"]
    assert named == [(1, 100, "A1", "H1"), (1, 400, "A1", "H2"), (2, 100, None, None)]
    assert "A1 H2" in report.issues[1].detail["hedefler"]


def test_loose_numbers_and_numbers_inside_a_reading_problem():
    words = line(100, (50, "Toplam"), (200, "45,00")) + line(300, (50, "Ortalama"), (300, "50,00"))
    report = Report()
    report.issues = [StructureIssue("unplaced_row", 1, (290.0, 295.0, 340.0, 310.0))]  # already around 50,00
    ledger = Ledger()
    ledger.see_scan(1, words, [])
    ledger.settle(report, [])
    loose = [i for i in report.issues if i.kind == "unplaced_number"]
    assert [(i.page, i.detail["numbers"]) for i in loose] == [(1, ["45,00"])]
    assert ledger.counts() == {"seen": 2, "placed": 0, "reported": 2, "prose": 0}


def test_words_inside_a_table_found_are_left_to_its_cells():
    from izlem_audit.reading.page import Block, GridCell, GridTable

    words = table(100)
    box = (40.0, 95.0, 420.0, 140.0)
    block = Block(1, 95.0, table=GridTable(1, box, [40.0, 420.0], [95.0, 140.0], [GridCell(0, 0, 1, 1, box)]))
    ledger = Ledger()
    ledger.see_scan(1, words, [block])
    assert ledger.scan == [] and ledger.regions == []


def test_a_vector_document_keeps_its_ledger_keys():
    ledger = Ledger()
    ledger.settle(Report(), [])
    assert ledger.counts() == {"seen": 0, "placed": 0, "reported": 0}


def test_the_region_turns_totals_and_its_pages_hedef_checks_into_not_checked():
    from izlem_audit.rules.base import make
    from izlem_audit.rules.engine import _not_checked

    def checked(f, region_page: int = 1):
        problem = make("IZ603", None, page=region_page, text={"tr": "", "en": ""}, kind="unread_table_region",
                       field="unread_table_region", hedefler=["A1 H1"])
        problem.origin = "reader"
        _not_checked([problem, f])
        return f

    overall = checked(make("IZ404", None, page=3, reported=65.0, expected=63.49, tolerance=0.013))
    assert overall.severity == "info" and overall.not_checked == 1  # the report's total, whatever its page
    h = Hedef("A1", "H1", page=1)
    hedef = checked(make("IZ201", h, page=1, reported=52.2, expected=40.0, tolerance=0.01))
    assert hedef.not_checked == 1
    other = checked(make("IZ201", Hedef("A1", "H2", page=1), page=1, reported=52.2, expected=40.0, tolerance=0.01))
    assert other.severity == "error" and other.not_checked is None  # a hedef the region cannot hold
    row = checked(make("IZ101", h, item="PG1", period=6, page=1, reported=52.2, expected=40.0, tolerance=0.01))
    assert row.severity == "error" and row.not_checked is None  # a row that was read is checked on its own


@pytest.mark.parametrize("lang,where,start", [
    ("tr", "", "Sayfa 4: tablo gibi görünen, okunamayan bölge (3 satır, 9 sayı, ör. '1 2,00')"),
    ("en", "", "Page 4: a region that looks like a table could not be read (3 lines, 9 numbers, e.g. '1 2,00')"),
    ("tr", ", A1 H2", "Sayfa 4, A1 H2: tablo gibi görünen, okunamayan bölge"),
    ("en", ", A1 H2", "Page 4, A1 H2: a region that looks like a table could not be read")])
def test_the_message_names_the_page_and_the_region(lang, where, start):
    report = Report()
    report.hedefler = [Hedef("A1", "H1", faaliyetler=[Faaliyet("F1", "x", budget=1.0, spent=1.0)])]
    report.issues = [StructureIssue("unread_table_region", 4, (50.0, 100.0, 400.0, 200.0),
                                    detail={"page": 4, "where": where, "lines": 3, "count": 9, "numbers": ["1"],
                                            "text": "1 2,00", "confidence": 61})]
    f = next(f for f in run_rules(report, lang=lang)[0] if f.params.get("kind") == "unread_table_region")
    assert f.message.startswith(start) and f.origin == "reader" and f.page == 4 and f.bbox == (50, 100, 400, 200)


@pytest.mark.parametrize("lang,advice", [("tr", "Sayfa 4: bu yer belgeden elle kontrol edilmeli"),
                                         ("en", "Page 4: check this place in the document by hand")])
def test_a_reading_problem_advises_looking_not_fixing_the_report(lang, advice):
    from izlem_audit.output.finding_text import compose

    report = Report()
    report.hedefler = [Hedef("A1", "H1", faaliyetler=[Faaliyet("F1", "x", budget=1.0, spent=1.0)])]
    report.issues = [StructureIssue("unread_table_region", 4, (50.0, 100.0, 400.0, 200.0),
                                    detail={"page": 4, "where": "", "lines": 3, "count": 9, "numbers": ["1"],
                                            "text": "1 2,00", "confidence": 61}),
                     StructureIssue("header_missing_column", 4)]  # the report's own: fixing it is the advice
    findings, rc = run_rules(report, lang=lang)
    texts = {f.params.get("kind"): compose(f, report, rc, lang).recommendation for f in findings if f.rule == "IZ603"}
    assert texts["unread_table_region"].startswith(advice)
    assert "elle kontrol" not in texts["header_missing_column"] and "by hand" not in texts["header_missing_column"]


def test_the_region_box_is_turned_back_onto_the_printed_page():
    from izlem_audit.reading.raster_source import RasterPage, boxes_to_page, turn_box

    box = (50.0, 100.0, 400.0, 200.0)
    report = Report()
    report.issues = [StructureIssue("unread_table_region", 1, box)]
    boxes_to_page(report, {1: RasterPage(1, 300, 1.0, 595.0, 842.0)})
    assert report.issues[0].bbox == turn_box(box, 1.0, 595.0, 842.0) != box
