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
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from izlem_audit.extract import extract
from izlem_audit.model import Report
from izlem_audit.rules.engine import run_rules
from factories import ev, gosterge, hedef, period, report as make_report
from test_extraction import compare

ROOT = Path(__file__).resolve().parents[1]
DOC = "akcay-2025-faaliyet"
PDFS = sorted((ROOT / "fixtures" / "pdfs").glob(f"{DOC}-*.pdf"))
CLEAN = [p for p in PDFS if "-planted-" not in p.name]
PLANTED = [p for p in PDFS if "-planted-" in p.name]
ENGINES = ["pdfium", "pdfplumber"]


@lru_cache(maxsize=None)
def read(pdf: Path, engine: str) -> Report:
    return extract(pdf, engine=engine)


def truth(pdf: Path) -> dict:
    doc = DOC + ("-planted" if "-planted-" in pdf.name else "")
    return json.loads((ROOT / "fixtures" / "truth" / f"{doc}.json").read_text(encoding="utf-8"))


def test_two_producers_clean_and_planted():
    assert {p.stem.rsplit("-", 1)[1] for p in PDFS} == {"reportlab", "libreoffice"}
    assert len(CLEAN) == len(PLANTED) == 2


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_read_cell_for_cell(pdf: Path, engine: str):
    report = read(pdf, engine)
    want = truth(pdf)
    diffs: list[str] = []
    n = compare(want, report.to_dict(evidence=False), "report", diffs)
    print(f"\n{pdf.name} [{engine}]: {n} cells compared, {len(diffs)} differ")
    assert not diffs, "\n".join(diffs[:30])
    assert report.layout == "activity_deviation"
    assert want["counts"] == {"amac": 4, "hedef": 9, "performans_hedefi": 8, "gosterge": 19, "faaliyet": 0}
    assert n == 356  # every cell of the truth: 9 blocks, 19 göstergeler of one period
    # codes read into the model: 3.1.19.1 is A3 H1 PH19 PG1, 2.2.1 is A2 H2 (no PH) PG1
    keys = {(h.amac, h.hedef, h.performans_hedefi, g.code, g.printed_code) for h in report.hedefler
            for g in h.gostergeler}
    assert {("A3", "H1", "PH19", "PG1", "3.1.19.1"), ("A2", "H2", None, "PG1", "2.2.1")} <= keys


def _findings(pdf: Path, engine: str) -> list:
    return run_rules(read(pdf, engine))[0]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PLANTED, ids=lambda p: p.stem)
def test_planted_errors_give_exactly_their_findings(pdf: Path, engine: str):
    from fixtures.build.deviation import PLANTED_FINDINGS

    got = sorted((f.rule, f.id, f.reported, f.expected) for f in _findings(pdf, engine))
    want = sorted(PLANTED_FINDINGS)
    assert [(r, i) for r, i, _, _ in got] == [(r, i) for r, i, _, _ in want]
    for (_, i, rep, exp), (_, _, want_rep, want_exp) in zip(got, want):
        assert rep == pytest.approx(want_rep), i
        if want_exp is not None:
            assert exp == pytest.approx(want_exp), i


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_clean_report_has_no_error_or_warning(pdf: Path, engine: str):
    bad = [(f.id, f.severity) for f in _findings(pdf, engine) if f.severity in ("error", "warning")]
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
    code = ("import sys, json; from fixtures.build.deviation import build; "
            "out = [build(p)[1] for p in (False, True)]; "
            "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] == 'izlem_audit'), out]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    modules, truths = json.loads(out.stdout)
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
    def run(pdf: Path, *extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "izlem_audit.cli", "check", str(pdf), "--engine", "pdfium",
                               *extra], capture_output=True, text=True, cwd=ROOT, timeout=300)

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
    from test_layout_kv import detections

    seen = detections(pdf)
    assert len(seen) == 6 and all(kind == "gosterge" for kind, _, _ in seen)
    for _, d, scores in seen:
        assert d.reader == "activity_deviation" and d.score == 1.0
        assert {e.replace(" ", "") for e in d.evidence} == {"ÖlçüBirimi", "SapmaDurumu", "SorumluBirim"}
        assert all(v == 0 for k, v in scores.items() if k != "activity_deviation")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_draft_reads_as_its_pdf(tmp_path, kind):
    """The Word and Excel drafts of the planted report read as its truth and give the PDF's findings."""
    from collections import Counter

    from fixtures.build.deviation import build
    from fixtures.build.render_docx import build_docx
    from fixtures.build.render_xlsx import build_xlsx
    from izlem_audit.extract import extract_draft

    raw, want = build(planted=True)
    path = tmp_path / f"taslak.{kind}"
    (build_docx if kind == "docx" else build_xlsx)(raw, path)
    report = extract_draft(path, kind)
    diffs: list[str] = []
    n = compare(want, report.to_dict(evidence=False), "report", diffs)
    assert not diffs and n == 356, diffs[:20]
    key = lambda f: (f.id, f.rule, f.severity, f.reported, f.expected)  # noqa: E731
    assert Counter(map(key, run_rules(report)[0])) == Counter(map(key, _findings(PLANTED[0], "pdfium")))
