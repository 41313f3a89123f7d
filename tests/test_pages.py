"""Tables over three pages or more, printed with mirrored (odd/even) margins (``fixtures/build/pages.py``).

``fixtures/pages/kayaonu-2025-6[-planted]-{reportlab,libreoffice,chromium,olcekli-reportlab}.pdf``: three
gösterge tables of 40 rows, one ruled on every side and two with horizontal rules only, each over three or four
pages whose left edge moves by 42 pt from odd to even page; headers repeated on some pages and not on others,
rows cut at the pages' feet, pages that begin with the rest of an açıklama, pages inside a table with no header
and no rule at all (and, in the ``-olcekli`` prints, three of them at 94 %). What the renderings hold is read
from their geometry alone (``pages.breaks``, no reader code) and asserted first; then every cell equals the truth
(``truth.truth_from_raw``) with pdfium and pdfplumber, every printed number is placed, the clean report gives no
finding and the planted one exactly its two errors, whatever the producer.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.build.pages import BREAK_KINDS, PLANTED, kinds
from fixtures.build.pages import breaks as _breaks
from izlem_audit.assembling import assembler as asm_mod
from izlem_audit.assembling.columns import SAME, frame_between
from izlem_audit.extract import extract, extract_draft
from izlem_audit.reading.stream_grid import StreamCarry
from izlem_audit.rules.engine import run_rules
from test_extraction import compare

ROOT = Path(__file__).resolve().parents[1]
DIR = ROOT / "fixtures" / "pages"
PDFS = sorted(DIR.glob("*.pdf"))
ENGINES = ["pdfium", "pdfplumber"]


@functools.lru_cache(maxsize=None)
def breaks(pdf: Path) -> list[dict]:
    """What each page shows (read once per PDF: the geometry does not change between tests)."""
    return _breaks(pdf)


def _truth(pdf: Path) -> dict:
    # the scaled print and the prints with a running header are the same document
    doc = pdf.stem.rsplit("-", 1)[0].replace("-olcekli", "").replace("-ustbilgi", "")
    return json.loads((DIR / f"{doc}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports() -> dict:
    """Each PDF read once per engine (the module's tests share them)."""
    return {}


def _report(reports: dict, pdf: Path, engine: str):
    if (pdf, engine) not in reports:
        reports[(pdf, engine)] = extract(pdf, engine=engine)
    return reports[(pdf, engine)]


def test_three_producers_clean_and_planted():
    assert sorted(p.stem for p in PDFS) == sorted(f"kayaonu-2025-6{v}-{p}" for v in ("", "-planted")
                                                  for p in ("chromium", "libreoffice", "reportlab",
                                                            "olcekli-reportlab", "ustbilgi-reportlab",
                                                            "ustbilgi-libreoffice"))


@pytest.mark.parametrize("pdf", [p for p in PDFS if "ustbilgi" in p.stem], ids=lambda p: p.stem)
def test_running_header_stands_above_the_rows_of_the_bare_pages(pdf):
    """The -ustbilgi prints repeat the report's title in the top margin of every page (a Word "üst bilgi"): on
    each page inside a table with no rule, the first line of text is that title, then the table's rows."""
    import pdfplumber

    from fixtures.build.pages import RUNNING

    bare = kinds(breaks(pdf))["bare_middle"]
    assert bare
    with pdfplumber.open(str(pdf)) as doc:
        for n in range(1, len(doc.pages) + 1):
            words = doc.pages[n - 1].extract_words()
            top = min(round(w["top"]) for w in words)
            assert " ".join(w["text"] for w in words if round(w["top"]) == top) == RUNNING, n


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_renderings_hold_every_break_kind(pdf):
    """Every table over three pages at least, odd and even pages 30 pt or more apart, a page inside a table with
    no rule, a header repeated on a page and not on another, a row cut at a page's foot, a page that begins with
    the rest of an açıklama, and in the -olcekli prints pages at another scale: seen in the PDF's geometry."""
    got = kinds(breaks(pdf))
    print(f"\n{pdf.stem}: " + ", ".join(f"{k} p.{v}" for k, v in got.items()))
    scaled = "olcekli" in pdf.stem  # pages 3, 5 and 7 printed at 94 %: a ruled rest, a bare page, a last page
    assert [k for k in BREAK_KINDS if not got[k]] == ([] if scaled else ["scaled"])
    assert got["scaled"] == ([3, 5, 7] if scaled else [])


@pytest.mark.parametrize("pdf", [p for p in PDFS if "planted" in p.stem], ids=lambda p: p.stem)
def test_planted_errors_stand_on_middle_pages(pdf):
    """Each planted row is on a page with its table on the pages before and after it (for the table without
    vertical rules, a page with no rule at all)."""
    pages = breaks(pdf)
    got = kinds(pages)
    for (amac, hedef, k) in PLANTED:
        run = {(1, 1): 0, (1, 2): 1, (2, 1): 2}[(amac, hedef)]
        on = [p["page"] for p in pages if (run, k) in p["codes"]]
        run_pages = [p["page"] for p in pages if any(r == run for r, _ in p["codes"])]
        assert len(on) == 1 and min(run_pages) < on[0] < max(run_pages), (amac, hedef, k, on, run_pages)
        if run == 1:
            assert on[0] in got["bare_middle"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_every_cell_equals_truth(reports, pdf, engine):
    report = _report(reports, pdf, engine)
    diffs: list[str] = []
    n = compare(_truth(pdf), report.to_dict(evidence=False), "report", diffs)
    print(f"\n{pdf.stem} [{engine}]: {n} cells compared")
    assert diffs == []
    assert n > 2000 and len(report.hedefler) == 3 and all(len(h.gostergeler) == 40 for h in report.hedefler)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_every_number_is_placed(reports, pdf, engine):
    n = _report(reports, pdf, engine).numbers
    assert n["seen"] > 1000 and n["seen"] == n["placed"] + n["reported"] and n["reported"] == 0


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_findings_are_the_planted_ones_whatever_the_producer(reports, pdf, engine):
    """Clean: no finding at all (no error, no warning, no reading problem). Planted: exactly its two one-point
    errors, on the page the row is printed on."""
    report = _report(reports, pdf, engine)
    findings, _ = run_rules(report)
    got = sorted((f.id, f.reported, round(f.expected, 2)) for f in findings)
    expected = sorted((f"IZ101-A{a}-H{h}-PG{k}-6ay", printed, real) for (a, h, k), (printed, real) in PLANTED.items()) \
        if "planted" in pdf.stem else []
    assert got == expected
    pages = breaks(pdf)
    for f in findings:
        k = int(f.id.split("-PG")[1].split("-")[0])
        run = 0 if "-H1-" in f.id else 1
        assert [p["page"] for p in pages if (run, k) in p["codes"]] == [f.page]


def test_check_command_on_the_clean_report_is_silent(tmp_path):
    pdf = DIR / "kayaonu-2025-6-reportlab.pdf"
    out = tmp_path / "check.json"
    done = subprocess.run([sys.executable, "-m", "izlem_audit.cli", "check", str(pdf), "--format", "json",
                           "--output", str(out), "--engine", "pdfium", "-q"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["findings"] == [] and data["reading_problems"] == []


# ------------------------------------------------------------------------------ the parts, both sides


def test_frame_between_places_a_continuation_by_its_own_edges():
    ref = [70.0, 93.0, 138.0, 247.0, 284.0, 328.0, 349.0, 405.0, 459.0, 568.0]
    assert frame_between(ref, ref) == SAME
    assert frame_between(ref, [x + 1.5 for x in ref]) == SAME  # within the old tolerance: where it stood
    moved = [x - 42.0 for x in ref]
    assert frame_between(ref, moved) == pytest.approx((1.0, 42.0))
    scaled = [x * 0.9 + 10 for x in ref]  # a page printed at another scale
    scale, dx = frame_between(ref, scaled)
    assert [x * scale + dx for x in scaled] == pytest.approx(ref)
    # a boundary in the middle of a column is not the same table's
    wrong = list(moved)
    wrong[3] += 12.0
    assert frame_between(ref, wrong) is None
    # both sides of the tolerance: a quarter of the narrower column beside the boundary (Ay: 21 pt -> 5,25 pt)
    near, far = list(moved), list(moved)
    near[6] += 5.0
    far[6] += 5.6
    assert frame_between(ref, near) is not None and frame_between(ref, far) is None
    assert frame_between(ref, [x * 3 for x in ref]) is None  # no page is printed at three times the scale
    # a piece holding the right-hand columns only (the cells on its left merged from above, as browsers print
    # a month's line alone at the top of a page): where it stood, or shifted with the page
    assert frame_between(ref, ref[5:]) == SAME
    assert frame_between(ref, [x - 42.0 for x in ref[5:]]) == pytest.approx((1.0, 42.0))
    assert frame_between(ref, [x - 42.0 for x in (328.0, 360.0, 459.0, 568.0)]) is None  # 360: inside a column


def test_carry_matches_the_next_page_by_width_wherever_its_margins_put_it():
    c = StreamCarry(page=3, xs=[70.0, 93.0, 300.0, 567.0])
    assert c.matches(4, 28.0, 525.0)  # the even page, 42 pt to the left
    assert c.matches(4, 71.0, 566.0)
    assert not c.matches(4, 28.0, 480.0)  # another width: another table
    assert not c.matches(5, 28.0, 525.0)  # not the next page


def test_a_continuation_whose_columns_do_not_match_is_a_reading_problem(monkeypatch):
    """The ruled table's rest on page 3 moved so that its column boundaries fall inside the header's columns:
    its rows are not read into any field, one reading problem names the page and the table's box (and the item
    whose row page 2 cut: its checks are not made on half a row), every number of it is reported, and no report
    error comes of it."""
    pdf = DIR / "kayaonu-2025-6-reportlab.pdf"
    feed = asm_mod.Assembler.feed

    def moved(self, block):
        t = block.table
        if t is not None and block.page == 3 and t.open_top:
            shift = {i: 12.0 for i in range(1, len(t.xs) - 1)}
            t.xs = [x + shift.get(i, 0.0) for i, x in enumerate(t.xs)]
            for c in t.cells:
                c.bbox = (t.xs[c.col], c.bbox[1], t.xs[c.col + c.colspan], c.bbox[3])
        feed(self, block)

    monkeypatch.setattr(asm_mod.Assembler, "feed", moved)
    report = extract(pdf, engine="pdfium")
    problems = [i for i in report.issues if i.kind == "continued_table_unmatched"]
    assert len(problems) == 1 and problems[0].page == 3 and problems[0].origin == "reader"
    assert (problems[0].amac, problems[0].hedef, problems[0].item) == ("A1", "H1", "PG25")
    h1 = report.hedefler[0]
    assert 20 < len(h1.gostergeler) < 40 and all(g.evidence.page != 3 for g in h1.gostergeler)
    n = report.numbers
    assert n["seen"] == n["placed"] + n["reported"] and n["reported"] > 50
    findings, _ = run_rules(report)
    assert not [f for f in findings if f.origin != "reader" and f.severity in ("error", "warning")
                and f.not_checked is None], [f.id for f in findings]
    # the same table where it should be is read whole
    monkeypatch.setattr(asm_mod.Assembler, "feed", feed)
    assert len(extract(pdf, engine="pdfium").hedefler[0].gostergeler) == 40


@pytest.mark.parametrize("variant", ["", "-planted"])
def test_the_word_draft_gives_the_same_cells_and_findings(variant):
    """The .docx the LibreOffice PDFs are printed from (mirrored margins set in it), read as a draft: the same
    truth cell for cell and the same findings, each at its cell reference."""
    report = extract_draft(DIR / f"kayaonu-2025-6{variant}.docx", "docx")
    diffs: list[str] = []
    truth = json.loads((DIR / f"kayaonu-2025-6{variant}.truth.json").read_text(encoding="utf-8"))
    assert compare(truth, report.to_dict(evidence=False), "draft", diffs) > 2000 and diffs == []
    findings, _ = run_rules(report)
    expected = sorted((f"IZ101-A{a}-H{h}-PG{k}-6ay", printed, real) for (a, h, k), (printed, real) in PLANTED.items()) \
        if variant else []
    assert sorted((f.id, f.reported, round(f.expected, 2)) for f in findings) == expected
    assert all(f.ref and f.page is None for f in findings)


def test_a_bare_page_whose_columns_are_not_found_is_a_reading_problem(monkeypatch):
    """When the rows on the pages inside a table without vertical rules cannot be placed under its columns
    (here: no placing found), they are not left as running text unseen: each such page is one reading problem
    with its page and box, every number on it is counted and reported, the item whose row the page before cut
    is named, and nothing of it becomes a report error."""
    from izlem_audit.reading import stream_grid

    pdf = DIR / "kayaonu-2025-6-reportlab.pdf"
    seen = extract(pdf, engine="pdfium").numbers["seen"]
    monkeypatch.setattr(stream_grid, "_shift", lambda carry, lines, scale=1.0: None)
    report = extract(pdf, engine="pdfium")
    problems = [(i.page, i.hedef, i.item) for i in report.issues if i.kind == "continued_table_unmatched"]
    assert problems == [(5, "H2", "PG9"), (6, "H2", None), (8, "H1", "PG9")]  # the bare pages (breaks: 5, 6, 8)
    assert all(i.origin == "reader" for i in report.issues)
    n = report.numbers
    assert n["seen"] == seen and n["seen"] == n["placed"] + n["reported"] and n["reported"] > 300
    findings, _ = run_rules(report)
    assert not [f.id for f in findings if f.origin != "reader" and f.severity in ("error", "warning")]


def _chars_at(y: float, text: str, x: float = 60.0):
    from izlem_audit.reading.page import Char

    return [Char(ch, x + 5 * i, y - 4, x + 5 * i + 4.5, y + 4, 8.0) for i, ch in enumerate(text)]


def test_a_line_repeated_in_the_page_margin_is_a_running_header_or_footer():
    """``furniture``: the same text but for its numbers, at the same height (within a point), in the top or
    bottom band of an earlier page; a line in the body, a line that moved, a new text, and the first page's
    lines are not."""
    from izlem_audit.reading.page import PageContent
    from izlem_audit.reading.stream_grid import furniture

    carry = StreamCarry()

    def page(n: int, chars):
        return PageContent(n, 595.0, 842.0, chars, [])

    p1 = _chars_at(20, "Rapor 2025") + _chars_at(820, "Sayfa 1") + _chars_at(400, "1 PG1 45,00")
    assert furniture(page(1, p1), p1, carry) == []  # nothing seen before it
    title, foot, row = _chars_at(20.6, "Rapor 2025"), _chars_at(820, "Sayfa 2"), _chars_at(400, "1 PG1 45,00")
    moved, new = _chars_at(36, "Rapor 2025", x=300), _chars_at(800, "Hazırlayan")
    p2 = title + foot + row + moved + new
    got = {id(c) for c in furniture(page(2, p2), p2, carry)}
    # the number in the footer may change from page to page; spaces are no part of a line's text
    assert got == {id(c) for c in title + foot if not c.text.isspace()}
    assert not got & {id(c) for c in row + moved + new}
