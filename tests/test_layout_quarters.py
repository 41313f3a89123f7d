"""The quarter-columns layout (``assembling/layouts/quarters.py``) on its fixtures (``fixtures/build/quarters.py``):
a 12-month report in the guide's A/B/C table with one column per quarter, printed by reportlab, LibreOffice and
Chromium.

- every fixture, from every producer, read with pdfium and pdfplumber, equals its truth cell for cell (the
  counts are printed: ``pytest -s``); the truth is read from the raw document's cells by the builder's own parser;
- the clean report gives no error or warning and no reading problem; the planted one gives exactly the findings
  written out by hand in ``quarters.PLANTED_FINDINGS``;
- each quarter value keeps its own cell, in its own column;
- the header wordings are detected and mapped, and a reader sees why (the detection's evidence); a
  monthly-family header with period columns is read by the same reader;
- the Word and Excel drafts read as the truth and give the findings of their PDFs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.build import quarters as Q
from izlem_audit.rules.engine import run_rules
from helpers import ROOT, assert_equals_truth, finding_key, read, run_apart, truth as truth_of

PDFS = [ROOT / "fixtures" / "pdfs" / f"{doc}-{producer}.pdf" for doc in (Q.DOC_ID, Q.PLANTED_ID, Q.LONG_ID)
        for producer in Q.PRODUCERS]
IDS = [p.stem for p in PDFS]


def _truth(pdf: Path) -> dict:
    return truth_of(pdf.stem.rsplit("-", 1)[0])


def _leaves(value) -> int:
    """How many leaf cells the truth holds (what ``compare`` must have compared)."""
    from test_extraction import IGNORED

    if isinstance(value, dict):
        return sum(_leaves(v) for k, v in value.items() if k not in IGNORED)
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 1


def test_every_producer_is_committed():
    assert all(p.exists() for p in PDFS), [p.name for p in PDFS if not p.exists()]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("pdf", PDFS, ids=IDS)
def test_read_cell_for_cell_equal_to_truth(pdf: Path, engine: str):
    truth = _truth(pdf)
    report = read(pdf, engine)
    quarters = sum(len(g["periods"]) for h in truth["hedefler"] for g in h["gostergeler"])
    n = assert_equals_truth(truth, report, f"{pdf.name} [{engine}] ({quarters} quarter values)")
    assert n == _leaves(truth) and quarters == 4 * truth["counts"]["gosterge"] == 68
    assert report.layout == "guide_quarters"
    assert report.issues == [] and report.numbers["reported"] == 0
    assert report.numbers["seen"] == report.numbers["placed"]  # every printed number placed


@pytest.mark.parametrize("pdf", [p for p in PDFS if Q.PLANTED_ID not in p.stem], ids=lambda p: p.stem)
def test_clean_report_gives_no_error_or_warning(pdf: Path):
    found = run_rules(read(pdf))[0]
    assert [(f.rule, f.severity, f.message) for f in found if f.severity in ("error", "warning")] == []


@pytest.mark.parametrize("pdf", [p for p in PDFS if Q.PLANTED_ID in p.stem], ids=lambda p: p.stem)
def test_planted_report_gives_exactly_the_planted_findings(pdf: Path):
    found = run_rules(read(pdf))[0]
    got = sorted((f.rule, f.amac, f.hedef, f.item, f.period, round(f.reported, 2), round(f.expected, 2))
                 for f in found)
    assert got == sorted(Q.PLANTED_FINDINGS)
    assert {f.rule: f.severity for f in found} == {"IZ510": "error", "IZ501": "warning", "IZ101": "error",
                                                   "IZ201": "error"}


@pytest.mark.parametrize("producer", ["reportlab", "chromium"])
def test_long_tables_cross_pages_and_are_read_whole(producer):
    """The long document's hedef tables cross page breaks (read equal to the truth above, like the others)."""
    report = read(ROOT / "fixtures" / "pdfs" / f"{Q.LONG_ID}-{producer}.pdf")
    def pages(h):
        evs = [h.evidence] + [g.evidence for g in h.gostergeler] + \
            [p.evidence for g in h.gostergeler for p in g.periods + [g.reached]]
        return {pg for e in evs for c in e.cells.values() for pg, _ in c.pieces()}

    assert [h.key for h in report.hedefler if len(pages(h)) > 1]


def test_each_quarter_has_its_own_cell_in_its_own_column():
    report = read(PDFS[0])
    for h in report.hedefler:
        for g in h.gostergeler:
            xs = []
            for p in g.periods:
                c = p.evidence.cells["actual"]
                assert c.page == g.evidence.page and c.bbox is not None
                assert c.text.replace(".", "").replace(",", "").isdigit()
                xs.append(c.bbox[0])
            c_cell, rate_cell = g.reached.evidence.cells["actual"], g.reached.evidence.cells["reported_rate"]
            xs += [c_cell.bbox[0], rate_cell.bbox[0]]
            assert xs == sorted(xs) and len(set(xs)) == 6, (h.key, g.code, xs)


def test_the_truth_is_the_builders_own_reading_and_is_committed():
    modules, _ = run_apart("from fixtures.build.quarters import documents; documents()")
    assert modules == []  # building the truth imports nothing of the code under test
    for raw, truth in Q.documents():
        doc = raw["meta"]["id"]
        assert truth_of(doc) == truth
        assert json.loads((ROOT / "fixtures" / "raw" / f"{doc}.json").read_text(encoding="utf-8")) == raw
    # the builder's parser reads what is printed: a planted C is in the truth as printed
    planted = {(h["amac"], h["hedef"], g["code"]): g for h in Q.documents()[1][1]["hedefler"]
               for g in h["gostergeler"]}
    assert planted[("A3", "H1", "PG1")]["reached"]["actual"] == 15.0
    assert [p["actual"] for p in planted[("A2", "H1", "PG2")]["periods"]] == [9500.0, 24000.0, 21500.0, 57000.0]


def test_model_shape_round_trips():
    from izlem_audit.model import Report

    for _, truth in Q.documents():
        assert Report.from_dict(truth).to_dict(evidence=False) == truth


# ---------------------------------------------------------------- the reader on header wordings


def _stack(*rows):
    """Header rows as labelled x-ranges: (x0, x1, text) each."""
    from izlem_audit.assembling.columns import HeadCell

    return [[HeadCell(x0, x1, t) for x0, x1, t in row] for row in rows]


_BASE = [(0, 100, "Performans Göstergesi"), (100, 130, "Hedefe Etkisi (%)"), (130, 160, "Başlangıç Değeri (A)"),
         (160, 190, "Hedeflenen Değer (B)")]
_END = [(310, 340, "Gerçekleşme Değeri (C)"), (340, 370, "Performans (%)")]


@pytest.mark.parametrize("labels,over", [
    (("3 Ay", "6 Ay", "9 Ay", "12 Ay"), "Gerçekleşme"),
    (("I. Dönem", "II. Dönem", "III. Dönem", "IV. Dönem"), None),
    (("Ocak-Mart", "Nisan-Haziran", "Temmuz-Eylül", "Ekim-Aralık"), "Gerçekleşen"),
    (("1. Çeyrek", "2. Çeyrek", "3. Çeyrek", "4. Çeyrek"), None),
    (("3 Aylık", "6 Aylık", "9 Aylık", "12 Aylık"), None),
    (("Birinci Çeyrek", "İkinci Çeyrek", "Üçüncü Çeyrek", "Dördüncü Çeyrek"), "Gerçekleşme"),
])
def test_quarter_headers_are_detected_and_mapped(labels, over):
    from izlem_audit.assembling.layouts import READERS
    from izlem_audit.assembling.layouts.quarters import Quarters

    quarters = [(190 + 30 * i, 220 + 30 * i, t) for i, t in enumerate(labels)]
    if over:
        stack = _stack(_BASE + [(190, 310, over)] + _END, quarters)
    else:
        stack = _stack(_BASE + quarters + _END)
    generic = READERS[0].column_map("gosterge", stack)
    scores = {r.name: r.detect("gosterge", generic.columns) for r in READERS}
    best = max(scores.values(), key=lambda d: d.score)
    assert best.reader == "guide_quarters" and set(labels) <= set(best.evidence), scores
    cmap = Quarters().column_map("gosterge", stack)
    got = [(c.field, c.period) for c in cmap.columns]
    assert got == [("name", None), ("weight", None), ("baseline", None), ("target", None), ("actual", 3),
                   ("actual", 6), ("actual", 9), ("actual", 12), ("reached", None), ("rate", None)]


def test_guide_header_without_periods_is_not_taken():
    from izlem_audit.assembling.layouts import READERS

    stack = _stack(_BASE + [(190, 220, "Gerçekleşme Değeri (C)"), (220, 250, "Performans (%)")])
    generic = READERS[0].column_map("gosterge", stack)
    scores = {r.name: r.detect("gosterge", generic.columns).score for r in READERS}
    assert scores["guide_quarters"] == 0.0 and scores["guide_standard"] > 0


def test_extract_csv_has_the_quarters_and_c_of_every_gosterge():
    import csv
    import io

    from izlem_audit.output.extract_formats import to_csv

    rows = list(csv.DictReader(io.StringIO(to_csv(read(PDFS[0])).lstrip("\ufeff"))))
    g = [r for r in rows if r["kind"] == "gosterge"]
    c_rows = [r for r in g if r["reached"] == "True"]
    assert len(g) == 17 * 5 and len(c_rows) == 17
    flow = next(r for r in c_rows if r["printed_code"] == "PG3.1.1")
    assert (flow["month"], flow["actual"], flow["reported_rate"]) == ("12", "54.0", "108.0")
    assert [r["actual"] for r in g if r["printed_code"] == "PG3.1.1" and r["reached"] == "False"] == [
        "12.0", "18.0", "9.0", "15.0"]


def test_monthly_family_header_with_quarter_columns_is_read_too():
    """The reader is generic: a Sıra No / Kod / Ad header with its Gerçekleşme split into period columns and no C
    column (the last period is C, the rate is its rate); nothing reported as lost."""
    from helpers import assemble as read, grid
    from test_layouts import LABELS

    table = [["Sıra No", "Gösterge Kodu", "Gösterge Adı", "Hedef Etkisi %", "Hedef", "Gerçekleşme", "Gerçekleşme",
              "Gerçekleşme Oranı %"],
             ["", "", "", "", "", "3 Aylık", "6 Aylık", ""],
             ["1", "PG1", "Yol (km)", "100", "10", "4", "8", "80,00"]]
    asm, report = read(grid(LABELS), grid(table, top=200))
    d = asm.detections[0][3]
    assert d.reader == "guide_quarters" and {"3 Aylık", "6 Aylık"} <= set(d.evidence)
    g = report.hedefler[0].gostergeler[0]
    assert [(p.month, p.actual, p.reported_rate) for p in g.periods] == [(3, 4.0, None), (6, 8.0, 80.0)]
    assert g.reached is None and report.issues == []


DRAFTS = sorted((ROOT / "fixtures" / "quarters-drafts").glob("*.*"))


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_draft_reads_as_its_truth_and_gives_the_findings_of_its_pdfs(draft: Path):
    """The Word file the LibreOffice PDF is printed from, and an Excel draft: the same cells and findings."""
    from collections import Counter

    from izlem_audit.extract import extract_draft

    report = extract_draft(draft, draft.suffix[1:])
    want = truth_of(draft.stem)
    assert assert_equals_truth(want, report, draft.name) == _leaves(want)
    got = Counter(finding_key(f) for f in run_rules(report)[0])
    for pdf in (p for p in PDFS if p.stem.rsplit("-", 1)[0] == draft.stem):
        assert got == Counter(finding_key(f) for f in run_rules(read(pdf))[0]), pdf.name
    assert sum(got.values()) == (len(Q.PLANTED_FINDINGS) if draft.stem == Q.PLANTED_ID else 0)


def test_drafts_exist():
    assert [p.name for p in DRAFTS] == sorted(f"{d}.{s}" for d in (Q.DOC_ID, Q.PLANTED_ID) for s in ("docx", "xlsx"))
