"""Scanned reports (issue 15): the scans of our own fixtures read from their image, against the same truths.

``fixtures/scans/`` holds image-only PDFs made by ``fixtures/build/scan.py`` from the born-digital fixtures
(200 dpi grey, skewed ±1°, blurred, JPEG; one with a coffee-stain blotch over a cell; one mixed document whose
first page is born-digital; the reference report with four dense hedef pages scanned; one poor 150-dpi scan,
held to trust only). Their truth is the truth of the
document they were scanned from, which the fixture builder derives without the code under test.

Every number word Tesseract reads is placed, in a line of prose, or a reading problem (page-level conservation,
``conservation.Ledger.see_scan``); a table whose rules are missed (the 150-dpi scan's A1 H2) is an
``unread_table_region`` reading problem. Held here (the issue's "Done when"): at 200 dpi at least 99,5 % of the
numeric cells equal the truth and every other one is reported as a reading problem on its place; the planted
errors are found; no error or warning that the born-digital PDF of the same report does not also give. Tesseract runs once per scanned file (module
fixture); the suite needs ``tesseract`` with its Turkish data (``scripts/setup.sh`` installs them) and fails,
not skips, without them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from izlem_audit.extract import extract
from izlem_audit.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT / "fixtures" / "scans"
PDFS = ROOT / "fixtures" / "pdfs"
# scan -> (truth id, the born-digital PDF it was scanned from)
CASES = {
    "scan-rehber-2025-6-200dpi.pdf": ("rehber-2025-6", "rehber-2025-6-reportlab.pdf"),
    "scan-dereboyu-2025-6-200dpi.pdf": ("dereboyu-2025-6", "dereboyu-2025-6-reportlab.pdf"),
    "scan-rehber-2025-6-mixed.pdf": ("rehber-2025-6", "rehber-2025-6-reportlab.pdf"),
    # the reference report (Çiğli 2024, 35 pages) with four dense hedef pages scanned
    "scan-cigli-2024-6-mixed.pdf": ("cigli-2024-6", "cigli-2024-6-reportlab.pdf"),
    # a poor scan (150 dpi): held to trust only, no accuracy promised
    "scan-dereboyu-2025-6-150dpi.pdf": ("dereboyu-2025-6", "dereboyu-2025-6-reportlab.pdf"),
}
AT_200_DPI = ["scan-rehber-2025-6-200dpi.pdf", "scan-dereboyu-2025-6-200dpi.pdf"]
READER_PROBLEMS = {"ocr_uncertain", "unplaced_number", "unplaced_row", "orphan_row", "cut_cell_unplaced"}
# the planted errors of the two documents (fixtures/build/rehber.py, fixtures/build/stream.py): rule and place
PLANTED = {
    "rehber-2025-6": {("IZ201", "A1", "H2", None, None), ("IZ101", "A1", "H2", "PG2", 6),
                      ("IZ202", "A2", "H1", None, None), ("IZ204", "A3", "H1", None, None),
                      ("IZ404", None, None, None, None)},
    "dereboyu-2025-6": {("IZ101", "A1", "H2", "PG2", 6)},
}


def _require_tesseract() -> None:
    exe = shutil.which("tesseract")
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True).stdout.split() if exe else []
    if "tur" not in langs:
        pytest.fail("tesseract with its Turkish data is needed for the scanned-report tests: run scripts/setup.sh "
                    "(apt-get install tesseract-ocr tesseract-ocr-tur)", pytrace=False)


@pytest.fixture(scope="module")
def read():
    """Each scan and each born-digital original read once: name -> (report, findings)."""
    _require_tesseract()
    cache: dict[str, tuple] = {}

    def get(name: str, ocr: bool):
        if name not in cache:
            path = (SCANS if ocr else PDFS) / name
            report = extract(path, ocr=ocr)
            cache[name] = (report, run_rules(report)[0])
        return cache[name]

    return get


def _numbers(expected, actual, where: str, out: list) -> None:
    """(where, expected, actual) of every numeric leaf of the truth, walked beside the report's JSON."""
    if isinstance(expected, dict):
        for k, v in expected.items():
            if k in ("page", "evidence", "overall_evidence", "source", "issues", "numbers"):
                continue
            _numbers(v, actual.get(k) if isinstance(actual, dict) else None, f"{where}.{k}", out)
    elif isinstance(expected, list):
        for i, v in enumerate(expected):
            a = actual[i] if isinstance(actual, list) and i < len(actual) else None
            _numbers(v, a, f"{where}[{i}]", out)
    elif isinstance(expected, (int, float)) and not isinstance(expected, bool):
        out.append((where, expected, actual))


def _place(where: str, report_dict: dict):
    """(amac, hedef, item) of a truth path such as ``.hedefler[3].gostergeler[1].periods[0].actual``."""
    import re

    m = re.match(r"\.hedefler\[(\d+)\](?:\.(gostergeler|faaliyetler)\[(\d+)\])?", where)
    if not m:
        return None
    h = report_dict["hedefler"][int(m.group(1))]
    item = h[m.group(2)][int(m.group(3))]["code"] if m.group(2) else None
    return h["amac"], h["hedef"], item


def _score(name: str, read) -> tuple[int, int, list[str]]:
    """(numeric cells, equal to the truth, the unequal ones that no reading problem names)."""
    doc, _ = CASES[name]
    truth = json.loads((ROOT / "fixtures" / "truth" / f"{doc}.json").read_text(encoding="utf-8"))
    report, _findings = read(name, True)
    got = report.to_dict()
    leaves: list = []
    _numbers(truth, got, "", leaves)
    problems = [i for i in report.issues if i.kind in READER_PROBLEMS]
    silent = []
    equal = 0
    for where, exp, act in leaves:
        if act == exp:
            equal += 1
            continue
        place = _place(where, truth)
        named = place is not None and any((p.amac, p.hedef) == place[:2] and p.item in (None, place[2])
                                          for p in problems)
        if where == ".summary.overall_rate":
            named = any(p.kind == "ocr_uncertain" and p.detail.get("field") == "overall_rate" for p in problems)
        if not named:
            silent.append(f"{where}: {exp!r} read as {act!r}")
    return len(leaves), equal, silent


def _key(f):
    return (f.rule, f.amac, f.hedef, f.item, f.period)


def test_numeric_cells_at_200_dpi_equal_the_truth_or_are_reading_problems(read):
    total = equal = 0
    for name in AT_200_DPI:
        n, ok, silent = _score(name, read)
        print(f"{name}: {ok}/{n} numeric cells equal to the truth")
        assert not silent, f"{name}: misread without a reading problem: {silent}"
        total, equal = total + n, equal + ok
    assert total >= 200  # both documents' figures were compared, not a few
    assert equal / total >= 0.995, f"{equal}/{total} numeric cells equal to the truth"


@pytest.mark.parametrize("name", list(CASES))
def test_planted_errors_found_and_nothing_the_original_does_not_give(name, read):
    doc, original = CASES[name]
    _, scan_findings = read(name, True)
    _, orig_findings = read(original, False)
    raised = {_key(f) for f in scan_findings if f.severity in ("error", "warning") and f.origin != "reader"}
    orig = {_key(f) for f in orig_findings if f.severity in ("error", "warning") and f.origin != "reader"}
    assert raised <= orig, f"errors/warnings the born-digital PDF does not give: {raised - orig}"
    if name in AT_200_DPI:
        # every planted cause is found; a planted consequence may instead be 'not checked', and only because a
        # figure it judges was read uncertainly on that page (rehber at 200 dpi: the overall rate '%65,00' read at
        # confidence 66, so IZ404 <- IZ201 <- IZ101 says 'not checked, p. 3' instead of comparing it)
        by_key = {_key(f): f for f in scan_findings}
        for key in PLANTED[doc] - raised:
            f = by_key.get(key)
            assert f is not None and f.not_checked is not None, f"planted error neither found nor 'not checked': {key}"
            assert f.caused_by, f"a planted cause is only 'not checked': {key}"
            assert any(p.origin == "reader" and p.params.get("kind") == "ocr_uncertain" and p.page == f.not_checked
                       for p in scan_findings), f"'not checked' without an uncertain reading on its page: {key}"
    if "150dpi" not in name:
        # every error of the original is found, or 'not checked' because a figure it takes was read uncertainly:
        # never lost without a word
        not_checked = {_key(f) for f in scan_findings if f.not_checked is not None}
        lost = {k for k in orig - raised if k not in not_checked and (k[0], *k[1:3], None, None) not in not_checked}
        assert not lost, f"errors of the original neither found nor 'not checked': {lost}"


def test_confidence_is_carried_to_the_cells(read):
    report, _ = read("scan-rehber-2025-6-200dpi.pdf", True)
    cells = [c for h in report.hedefler for g in h.gostergeler for p in g.periods for c in p.evidence.cells.values()]
    assert cells and all(c.confidence is not None and 0 <= c.confidence <= 100 for c in cells)
    assert report.to_dict()["hedefler"][0]["gostergeler"][0]["evidence"]["cells"]["weight"]["confidence"] >= 0
    born, _ = read("rehber-2025-6-reportlab.pdf", False)
    assert all(c.confidence is None for h in born.hedefler for c in h.evidence.cells.values())


def test_mixed_document_reads_the_born_digital_page_without_ocr(read):
    report, _ = read("scan-rehber-2025-6-mixed.pdf", True)
    assert sorted(report.ocr_pages) == [2, 3]  # page 1 has its text layer: read as a vector page
    page1 = [c for h in report.hedefler if h.page == 1 for c in h.evidence.cells.values()]
    assert page1 and all(c.confidence is None for c in page1)


def test_the_blotch_does_not_become_an_error(read):
    # the coffee ring lies over F1/F2 spent of A1 H2 (410.000,00 / 330.000,00): read right, or a reading problem
    report, findings = read("scan-dereboyu-2025-6-200dpi.pdf", True)
    h = next(h for h in report.hedefler if (h.amac, h.hedef) == ("A1", "H2"))
    spent = {f.code: f.spent for f in h.faaliyetler}
    doubted = {i.item for i in report.issues if i.kind == "ocr_uncertain" and (i.amac, i.hedef) == ("A1", "H2")}
    for code, value in (("F1", 410000.0), ("F2", 330000.0)):
        assert spent[code] == value or code in doubted
    assert not [f for f in findings if (f.amac, f.hedef) == ("A1", "H2") and f.item in ("F1", "F2")
                and f.severity == "error"]


def _run(*args):
    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


def test_check_without_ocr_says_how_to_run_it_and_names_the_users_file(tmp_path):
    scan = SCANS / "scan-dereboyu-2025-6-200dpi.pdf"
    proc = _run("check", str(scan), "-q", "--lang", "en")
    assert proc.returncode == 2 and "--ocr" in proc.stderr and scan.name in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_check_with_ocr_names_the_users_file(tmp_path):
    _require_tesseract()
    scan = SCANS / "scan-dereboyu-2025-6-200dpi.pdf"
    out = tmp_path / "out.json"
    proc = _run("check", str(scan), "--ocr", "-q", "--format", "json", "-o", str(out))
    assert proc.returncode == 1, proc.stderr  # the planted error fails the gate
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"]["path"].endswith(scan.name) and "ocr.pdf" not in out.read_text(encoding="utf-8")
    assert any(f["rule"] == "IZ101" for f in data["findings"])


# ----------------------------------------------------------------------------- without Tesseract: the rules


def _one_cell_report(text: str, conf: float, field: str = "actual"):
    """A report with one gösterge whose period cell ``field`` reads ``text`` on scanned page 1 (characters with
    confidence ``conf``), and its born-digital twin on page 2 (no confidence)."""
    from izlem_audit.model import Cell, Evidence, Gosterge, Hedef, Period, Report
    from izlem_audit.reading.page import Char

    box = (100.0, 100.0, 140.0, 110.0)
    period = Period(6, 1.0, 50.0, evidence=Evidence(1, box, {field: Cell(text, 1, box)}))
    report = Report()
    report.hedefler = [Hedef("A1", "H1", gostergeler=[Gosterge("PG1", "x", periods=[period])])]
    chars = [Char(ch, 100 + 4 * i, 101, 104 + 4 * i, 109, 8, False, conf) for i, ch in enumerate(text)]
    return report, {1: chars}


@pytest.mark.parametrize("text,conf,flagged", [
    ("41,50", 80.0, False),  # at the threshold: trusted
    ("41,50", 79.9, True),  # just under it: a reading problem
    ("4I,50", 95.0, True),  # a letter inside the number
    ("41.50", 95.0, True),  # no Turkish number has that shape (a decimal comma read as a dot)
    ("1.250,00", 95.0, False),
    ("-3,5", 95.0, False),
    ("%65,00", 95.0, False),
])
def test_uncertain_numbers_are_reading_problems(text, conf, flagged):
    from izlem_audit.assembling.confidence import apply_confidence

    report, chars = _one_cell_report(text, conf)
    apply_confidence(report, chars)
    cell = report.hedefler[0].gostergeler[0].periods[0].evidence.cells["actual"]
    assert cell.confidence == round(conf, 1)
    issues = [i for i in report.issues if i.kind == "ocr_uncertain"]
    assert bool(issues) is flagged
    if flagged:
        i = issues[0]
        assert i.origin == "reader" and (i.amac, i.hedef, i.item, i.period) == ("A1", "H1", "PG1", 6)
        assert i.page == 1 and i.bbox is not None  # its crop


def test_a_lost_decimal_comma_is_doubted_only_where_the_scan_prints_decimals():
    from izlem_audit.assembling.confidence import apply_confidence
    from izlem_audit.model import Cell, Evidence, Period
    from izlem_audit.reading.page import Char

    def report_with(other: str):
        report, chars = _one_cell_report("131", 95.0)
        g = report.hedefler[0].gostergeler[0]
        for k in range(12):  # twelve more figures on the page, printed as ``other``
            box = (100.0, 120.0 + 12 * k, 140.0, 130.0 + 12 * k)
            g.periods.append(Period(k, 1.0, 1.0, evidence=Evidence(1, box, {"actual": Cell(other, 1, box)})))
            chars[1] += [Char(ch, 100 + 4 * i, box[1] + 1, 104 + 4 * i, box[3] - 1, 8, False, 95.0)
                         for i, ch in enumerate(other)]
        apply_confidence(report, chars)
        return [i for i in report.issues if i.kind == "ocr_uncertain" and i.period == 6]

    assert report_with("41,50") and report_with("41,50")[0].detail["why"] == "decimal"
    assert not report_with("415")  # a report printing whole numbers: 131 is no doubt


def test_structure_issues_on_a_scanned_page_are_reading_problems():
    from izlem_audit.assembling.confidence import apply_confidence
    from izlem_audit.model import StructureIssue

    report, chars = _one_cell_report("41,50", 95.0)
    report.issues = [StructureIssue("header_missing_column", 1), StructureIssue("header_missing_column", 2)]
    assert [i.origin for i in report.issues] == ["report", "report"]
    apply_confidence(report, chars)
    assert [i.origin for i in report.issues] == ["reader", "report"]  # page 2 is born-digital


def test_an_uncertain_value_turns_its_check_into_not_checked():
    """The recomputed mismatch on a low-confidence value is 'check this cell', not an error of the report."""
    from izlem_audit.assembling.confidence import apply_confidence
    from izlem_audit.model import Cell, Evidence, Gosterge, Hedef, Period, Report
    from izlem_audit.reading.page import Char

    def report(conf: float):
        box = {k: (100.0 + 50 * i, 100.0, 140.0 + 50 * i, 110.0) for i, k in enumerate(["actual", "reported_rate"])}
        cells = {"actual": Cell("41,50", 1, box["actual"]), "reported_rate": Cell("90,00", 1, box["reported_rate"])}
        g = Gosterge("PG1", "Oran (%)", unit="%", weight=100.0, baseline=0.0, target=100.0,
                     periods=[Period(6, 41.5, 90.0, evidence=Evidence(1, (100, 100, 300, 110), cells))])
        r = Report()
        r.hedefler = [Hedef("A1", "H1", gostergeler=[g])]
        chars = [Char(ch, b[0] + 4 * i, 101, b[0] + 4 + 4 * i, 109, 8, False, conf if k == "reported_rate" else 95.0)
                 for k, b in box.items() for i, ch in enumerate(cells[k].text)]
        apply_confidence(r, {1: chars})
        return run_rules(r)[0]

    sure = [f for f in report(95.0) if f.rule == "IZ101"]
    assert sure and sure[0].severity == "error" and sure[0].not_checked is None
    doubted = [f for f in report(40.0) if f.rule == "IZ101"]
    assert doubted and doubted[0].severity == "info" and doubted[0].not_checked == 1


def test_an_uncertain_overall_rate_turns_the_overall_check_into_not_checked():
    """The report's overall rate read uncertainly on a scanned page: IZ404 on it says 'not checked', as the
    reading problem promises ('ona dayanan denetimler yapılmadı'); any other reading problem on that page
    without a place, or an uncertain value on another page, leaves IZ404 an error."""
    from izlem_audit.rules.base import make
    from izlem_audit.rules.engine import _not_checked

    def overall_check(kind: str, page: int):
        problem = make("IZ603", None, page=page, text={"tr": "", "en": ""}, kind=kind, field=kind)
        problem.origin = "reader"
        f = make("IZ404", None, page=3, reported=65.0, expected=63.49, tolerance=0.013)
        _not_checked([problem, f])
        return f

    doubted = overall_check("ocr_uncertain", 3)
    assert doubted.severity == "info" and doubted.not_checked == 3
    for kind, page in (("unplaced_number", 3), ("ocr_uncertain", 2)):
        sure = overall_check(kind, page)
        assert sure.severity == "error" and sure.not_checked is None, (kind, page)


def test_code_words_read_with_letters_for_digits():
    from izlem_audit.reading.ocr import Word, _code_digits, speck, well_formed

    def w(text, conf=90.0):
        return Word(text, 0, 0, 10, 10, conf)

    assert _code_digits(w("PGI")).text == "PG1" and _code_digits(w("H1.l")).text == "H1.1"
    assert _code_digits(w("FI")).text == "F1" and _code_digits(w("PG2")).text == "PG2"
    assert _code_digits(w("Faaliyet")).text == "Faaliyet" and _code_digits(w("II")).text == "II"
    assert well_formed("1.234.567,89") and well_formed("%45,00") and not well_formed("1330.000,00")
    assert speck(w("o", 15)) and not speck(w("o", 60)) and not speck(w("1", 5))


def test_chance_javascript_bytes_inside_an_image_are_not_active_content(tmp_path):
    import pikepdf

    from izlem_audit.guard import scan_pdf

    def pdf_with(image_bytes: bytes, js: bool):
        pdf = pikepdf.new()
        page = pdf.add_blank_page(page_size=(200, 200))
        img = pikepdf.Stream(pdf, image_bytes)
        img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        img.Width, img.Height, img.BitsPerComponent = 4, 4, 8
        img.ColorSpace = pikepdf.Name.DeviceGray
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=img))
        if js:
            pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        out = tmp_path / f"p{int(js)}.pdf"
        pdf.save(out, compress_streams=False)
        return out

    noise = b"\x00\x01/JS'\x02" + bytes(range(9))
    assert scan_pdf(pdf_with(noise, js=False), 10**8).active == []
    assert scan_pdf(pdf_with(noise, js=True), 10**8).active == ["javascript"]


def test_mixed_document_without_ocr_names_its_scanned_pages():
    report = extract(SCANS / "scan-rehber-2025-6-mixed.pdf")  # no OCR: page 1 is read, pages 2 and 3 are scans
    scanned = [i for i in report.issues if i.kind == "scanned_page"]
    assert [i.page for i in scanned] == [2, 3] and all(i.origin == "reader" for i in scanned)
    findings = run_rules(report)[0]
    msg = [f.message for f in findings if f.params.get("kind") == "scanned_page" or "--ocr" in f.message]
    assert len(msg) == 2 and all("--ocr" in m for m in msg)
    born = extract(PDFS / "rehber-2025-6-reportlab.pdf")
    assert not [i for i in born.issues if i.kind == "scanned_page"]


def test_a_huge_page_is_read_at_a_bounded_resolution():
    from izlem_audit.reading.raster_source import MAX_PIXELS, bounded_dpi

    assert bounded_dpi(300, 595, 842) == 300  # an A4 page at 300 dpi: 8.7 million pixels
    dpi = bounded_dpi(300, 14400, 14400)  # a 200-inch square page
    assert (14400 * dpi / 72) ** 2 <= MAX_PIXELS and dpi >= 1


def test_ocr_without_opencv_says_how_to_install_it(monkeypatch):
    from izlem_audit.errors import UserError
    from izlem_audit.pipeline import read_report

    _require_tesseract()
    monkeypatch.setitem(sys.modules, "cv2", None)  # import cv2 raises ImportError
    with pytest.raises(UserError) as err:
        read_report(SCANS / "scan-dereboyu-2025-6-200dpi.pdf", "pdfium", None, "en", True, ocr=True)
    assert err.value.key == "ocr_missing_python"


def test_boxes_stand_on_the_scanned_page_as_printed(read):
    """The scan was read turned back by its skew; the model's boxes go back onto the crooked page image, so the
    evidence crop and the annotated copy mark the cell itself. Expected: the born-digital cell's centre turned
    as the fixture builder turned the page (PIL ``rotate(angle)``: counter-clockwise about the page's centre)."""
    import math

    from fixtures.build.scan import SCANS as BUILT

    angle = next(spec[4] for spec in BUILT if spec[0] == "scan-rehber-2025-6-200dpi.pdf")
    scan, _ = read("scan-rehber-2025-6-200dpi.pdf", True)
    born, _ = read("rehber-2025-6-reportlab.pdf", False)
    w, h = 595.276, 841.89
    a = math.radians(angle)
    worst, n = 0.0, 0
    for hs, hb in zip(scan.hedefler, born.hedefler):
        for gs, gb in zip(hs.gostergeler, hb.gostergeler):
            for ps, pb in zip(gs.periods, gb.periods):
                cs, cb = ps.evidence.cells.get("actual"), pb.evidence.cells.get("actual")
                if cs is None or cb is None:
                    continue
                dx, dy = (cb.bbox[0] + cb.bbox[2]) / 2 - w / 2, (cb.bbox[1] + cb.bbox[3]) / 2 - h / 2
                ex, ey = w / 2 + dx * math.cos(a) + dy * math.sin(a), h / 2 - dx * math.sin(a) + dy * math.cos(a)
                got = ((cs.bbox[0] + cs.bbox[2]) / 2, (cs.bbox[1] + cs.bbox[3]) / 2)
                worst, n = max(worst, abs(got[0] - ex), abs(got[1] - ey)), n + 1
    assert n >= 15 and worst < 1.5, (n, worst)  # unturned, the cells low on the page would be ~5 pt off


# ----------------------------------------------------------------------------- every OCR number accounted for


@pytest.mark.parametrize("name", list(CASES))
def test_every_number_read_on_a_scanned_page_is_placed_prose_or_reported(name, read):
    """Page-level conservation (``conservation.Ledger.see_scan``): every number word Tesseract read, in a table
    or not, is placed, in a line of prose, or in a reading problem; the good scans have no unread table."""
    report, _ = read(name, True)
    n = report.numbers
    assert n["seen"] == n["placed"] + n["reported"] + n["prose"]
    assert n["prose"] >= 1  # at least the page numbers are running text
    if "150dpi" not in name:
        assert not [i for i in report.issues if i.kind == "unread_table_region"]
    if name in AT_200_DPI:
        assert n["reported"] == 0


def _printed(v: float) -> str:
    """A truth figure as the Dereboyu fixture prints it: 1200.0 -> 1.200,00."""
    return f"{v:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def test_the_150_dpi_scan_names_the_table_it_cannot_read(read):
    """On the 150-dpi Dereboyu scan the rules of A1 H2's tables are not found: the hedef is not in the model, and
    every figure its tables print (taken from the fixture's truth) is in a reading problem on page 1, the tables
    as ``unread_table_region`` problems; none of it becomes an error of the report."""
    report, findings = read("scan-dereboyu-2025-6-150dpi.pdf", True)
    assert ("A1", "H2") not in {(h.amac, h.hedef) for h in report.hedefler}
    regions = [i for i in report.issues if i.kind == "unread_table_region"]
    assert regions and all(i.page == 1 and i.origin == "reader" and i.bbox for i in regions)
    # the missing hedef is named: its label box was read, its tables below it were not
    assert ("A1", "H2") in {(i.amac, i.hedef) for i in regions}
    truth = json.loads((ROOT / "fixtures" / "truth" / "dereboyu-2025-6.json").read_text(encoding="utf-8"))
    h2 = next(h for h in truth["hedefler"] if (h["amac"], h["hedef"]) == ("A1", "H2"))
    figures = [g["target"] for g in h2["gostergeler"]] + [p["actual"] for g in h2["gostergeler"]
                                                          for p in g["periods"]]
    figures += [v for f in h2["faaliyetler"] for v in (f["budget"], f["spent"])]
    in_regions = [t for i in regions for t in i.detail["numbers"]]
    assert len(figures) == 10 and all(_printed(v) in in_regions for v in figures), (figures, in_regions)
    assert not [f for f in findings if f.origin != "reader" and f.severity in ("error", "warning")]
    en = run_rules(report, lang="en")[0]
    assert any(f.message.startswith("Page 1, A1 H2: a region that looks like a table could not be read") for f in en)
