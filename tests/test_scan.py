"""Scanned reports (issue 15): the scans of our own fixtures read from their image, against the same truths.

``fixtures/scans/`` holds image-only PDFs made by ``fixtures/build/scan.py`` from the born-digital fixtures
(200 dpi grey, skewed ±1°, blurred, JPEG; one with a coffee-stain blotch over a cell; one mixed document whose
first page is born-digital). Their truth is the truth of the document they were scanned from, which the
fixture builder derives without the code under test.

Held here (the issue's "Done when"): at 200 dpi at least 99,5 % of the numeric cells equal the truth and every
other one is reported as a reading problem on its place; the planted errors are found; no error or warning that
the born-digital PDF of the same report does not also give. Tesseract runs once per scanned file (module
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
        assert PLANTED[doc] <= raised, f"planted errors not found: {PLANTED[doc] - raised}"
    else:  # the mixed document: a planted error whose figure is read uncertainly is 'not checked', never lost
        not_checked = {_key(f) for f in scan_findings if f.not_checked is not None}
        assert PLANTED[doc] <= raised | not_checked | {("IZ404", None, None, None, None)} and \
            PLANTED[doc] - {("IZ404", None, None, None, None)} <= raised


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
