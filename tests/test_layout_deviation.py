"""Layout ``activity_deviation`` (``layouts/deviation.py``): the Akçay 2025 activity report's per-müdürlük
performance table — four-level codes (``3.1.19.1``), values written ``%100``, a free-text Sapma Durumu.

Fixtures: ``fixtures/build/deviation.py`` (reportlab, and LibreOffice from a python-docx file); the truth is that
module's own reading of the raw document. Held here: every producer read cell for cell equal to the truth with
pdfium and pdfplumber (cell counts printed), the planted variant gives exactly the findings listed by hand
(``PLANTED_FINDINGS``), the clean one no error or warning — including the decreasing indicator printed as
Hedef / Sonuç (%125) — and both sides of that reading.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from izlem_audit.model import Report
from izlem_audit.rules.engine import run_rules
from factories import ev, gosterge, hedef, period, report as make_report
from helpers import (ENGINES, FixtureDoc, assert_draft_reads_as_its_pdf, assert_equals_truth, assert_planted_findings,
                     cli, detections, findings, read, run_apart)

DOC = FixtureDoc("akcay-2025-faaliyet")
PDFS, CLEAN, PLANTED, truth = DOC.pdfs, DOC.clean, DOC.planted, DOC.truth


def test_two_producers_clean_and_planted():
    assert DOC.producers() == {"reportlab", "libreoffice"}
    assert len(CLEAN) == len(PLANTED) == 2


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_read_cell_for_cell(pdf: Path, engine: str):
    report = read(pdf, engine)
    want = truth(pdf)
    n = assert_equals_truth(want, report, f"{pdf.name} [{engine}]")
    assert report.layout == "activity_deviation"
    assert want["counts"] == {"amac": 4, "hedef": 9, "performans_hedefi": 8, "gosterge": 19, "faaliyet": 0}
    assert n == 356  # every cell of the truth: 9 blocks, 19 göstergeler of one period
    # codes read into the model: 3.1.19.1 is A3 H1 PH19 PG1, 2.2.1 is A2 H2 (no PH) PG1
    keys = {(h.amac, h.hedef, h.performans_hedefi, g.code, g.printed_code) for h in report.hedefler
            for g in h.gostergeler}
    assert {("A3", "H1", "PH19", "PG1", "3.1.19.1"), ("A2", "H2", None, "PG1", "2.2.1")} <= keys


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PLANTED, ids=lambda p: p.stem)
def test_planted_errors_give_exactly_their_findings(pdf: Path, engine: str):
    from fixtures.build.deviation import PLANTED_FINDINGS

    assert_planted_findings(findings(pdf, engine), PLANTED_FINDINGS)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_clean_report_has_no_error_or_warning(pdf: Path, engine: str):
    bad = [(f.id, f.severity) for f in findings(pdf, engine) if f.severity in ("error", "warning")]
    assert bad == []


def test_block_keys_from_codes():
    from izlem_audit.assembling.layouts.deviation import block_key

    assert block_key("3.1.19.1") == ("A3", "H1", "PH19", "PG1")
    assert block_key("2.2.1") == ("A2", "H2", None, "PG1")
    assert block_key("PG1.2") is None and block_key("3.1") is None and block_key("Fen İşleri") is None


# --- a decreasing indicator where no start value is printed: both sides --------------------------------------


def _one(target: float, actual: float, rate: str, note: str = "Neden yazılı.") -> Report:
    p = period(12, actual, None, note, decimals=0)
    p.reported_rate = float(rate)
    p.evidence.cells.update(ev(0, reported_rate=rate).cells)
    g = gosterge(1, None, target, [p], unit="gün", decimals=0)
    return make_report(hedef([g], None))


def _rules(rep: Report) -> list:
    return [(f.rule, f.reported, f.expected) for f in run_rules(rep)[0] if f.rule == "IZ101"]


def test_target_over_result_reads_as_decreasing():
    """5 days aimed, 4 reached, printed %125 (B / C): no error; printed %126 or %80-as-%90: the error against the
    guide's C / B stays."""
    from izlem_audit.recomputing.report import recompute

    rep = _one(5, 4, "125")
    assert _rules(rep) == []
    rc = recompute(rep).rates[0]
    assert rc.direction == "decreasing" and rc.expected == pytest.approx(125.0)
    assert _rules(_one(5, 4, "126")) == [("IZ101", 126.0, 80.0)]  # one point off either reading
    assert _rules(_one(5, 4, "80")) == []  # C / B, the guide's formula with A = 0
    assert _rules(_one(5, 4, "81")) == [("IZ101", 81.0, 80.0)]
    assert recompute(_one(5, 4, "80")).rates[0].direction is None


def test_truth_is_rebuilt_the_same_and_independently():
    modules, truths = run_apart("from fixtures.build.deviation import build", "[build(p)[1] for p in (False, True)]")
    assert modules == []
    assert truths == [truth(CLEAN[0]), truth(PLANTED[0])]


def test_kind_is_activity_report():
    """``compare`` tells the activity report from a monitoring report: kind activity_report, the whole year."""
    from izlem_audit.comparing.documents import describe

    report = read(CLEAN[0], "pdfium")
    assert report.title == "2025 YILI FAALİYET RAPORU" and report.year == 2025
    d = describe(1, str(CLEAN[0]), report)
    assert (d.kind, d.months, d.municipality) == ("activity_report", 12, "Akçay Belediyesi")


def test_check_command_reads_it(tmp_path):
    def run(pdf: Path, *extra: str):
        return cli("check", str(pdf), "--engine", "pdfium", *extra)

    assert run(CLEAN[0]).returncode == 0
    out = tmp_path / "check.json"
    assert run(PLANTED[0], "--format", "json", "--output", str(out), "-q").returncode == 1
    d = json.loads(out.read_text(encoding="utf-8"))
    from fixtures.build.deviation import PLANTED_FINDINGS

    assert sorted(f["id"] for f in d["findings"]) == sorted(i for _, i, _, _ in PLANTED_FINDINGS)
    sapma = next(f for f in d["findings"] if f["id"] == "IZ508-A2-H1-PH7-PG1-12ay")
    assert "boş" in sapma["message"]


def test_header_words_by_meaning():
    """The activity table's words name its fields, and only in its own vocabulary."""
    from izlem_audit.normalising.headers import DEVIATION_COLUMNS, GOSTERGE_COLUMNS, VOCABULARY, match_column

    for m in VOCABULARY:
        if m.kind == "deviation":
            for s in m.spellings:
                assert match_column(s.replace("YYYY", "2025"), DEVIATION_COLUMNS)[0] == m.field, s
    for label, fld in (("Sapma Durumu", "note"), ("Ölçü Birimi", "unit"), ("Sorumlu Birim", "birim"),
                       ("Sonuç", "actual"), ("Gerçekleşme Oranı", "rate"), ("Gösterge Kodu", "code")):
        assert match_column(label, DEVIATION_COLUMNS)[0] == fld
    assert match_column("Sapma Durumu", GOSTERGE_COLUMNS)[0] is None
    assert match_column("Sorumlu Birim", GOSTERGE_COLUMNS)[0] is None


@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_taken_by_its_reader_for_a_reason(pdf: Path):
    """Every per-müdürlük table goes to activity_deviation on the columns only it has; no other reader scores."""
    seen = detections(pdf)
    assert len(seen) == 6 and all(kind == "gosterge" for kind, _, _ in seen)
    for _, d, scores in seen:
        assert d.reader == "activity_deviation" and d.score == 1.0
        assert {e.replace(" ", "") for e in d.evidence} == {"ÖlçüBirimi", "SapmaDurumu", "SorumluBirim"}
        assert all(v == 0 for k, v in scores.items() if k != "activity_deviation")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_draft_reads_as_its_pdf(tmp_path, kind):
    """The Word and Excel drafts of the planted report read as its truth and give the PDF's findings."""
    from fixtures.build.deviation import build

    assert_draft_reads_as_its_pdf(build, kind, tmp_path, 356, PLANTED[0])
