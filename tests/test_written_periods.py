"""The Ilgınova 6-month report: the monthly-rows layout with its periods written out (``Ocak-Mart`` /
``Ocak-Haziran``, ``OCAK – HAZİRAN``, ``Ocak-Haziran (Kümülatif)`` wrapping in a narrow column, two periods stacked
in one cell) and no period-value or cumulative column, so the monthly-rows reader reads it through the period
vocabulary (``normalising/periods.py``).

Fixture: ``fixtures/build/written_periods.py`` (reportlab, and LibreOffice from a python-docx file); the truth is
that module's own reading of the raw document (no izlem_audit). Held here: every producer read cell for cell equal
to the truth with pdfium and pdfplumber, the planted variant gives exactly its one finding, the clean one no error,
warning or reading problem, and a period label the vocabulary refuses is a reading problem, never a report error.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from izlem_audit.extract import extract
from izlem_audit.model import Report
from izlem_audit.rules.engine import run_rules
from test_extraction import compare

ROOT = Path(__file__).resolve().parents[1]
DOC = "ilginova-2025-6"
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
    periods = sum(len(g["periods"]) for h in want["hedefler"] for g in h["gostergeler"])
    print(f"\n{pdf.name} [{engine}]: {n} cells compared ({periods} periods), {len(diffs)} differ")
    assert not diffs, "\n".join(diffs[:30])
    assert report.layout == "monthly_rows"
    assert want["counts"] == {"amac": 2, "hedef": 4, "performans_hedefi": 0, "gosterge": 10, "faaliyet": 6}
    assert periods == 20 and n == 272  # every cell of the truth
    assert [p.month for h in report.hedefler for g in h.gostergeler for p in g.periods] == [3, 6] * 10


@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_each_style_is_read_as_printed(pdf: Path):
    """The month cell's evidence is the label as printed (a wrapped one joined), one style per block."""
    report = read(pdf, "pdfium")
    styles = [tuple(p.evidence.cells["month"].text.replace(" ", "") for p in h.gostergeler[0].periods)
              for h in report.hedefler]
    assert styles[0] == ("Ocak-Mart", "Ocak-Haziran")
    assert styles[1] == ("OCAK–MART", "OCAK–HAZİRAN")
    assert [s.replace("(Kümülatif)", "") for s in styles[2]] == ["Ocak-Mart", "Ocak-Haziran"]
    assert all("Kümülatif" in s for s in styles[2])
    assert styles[3] == ("Ocak-Mart", "Ocak-Haziran")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PLANTED, ids=lambda p: p.stem)
def test_planted_error_gives_exactly_its_finding(pdf: Path, engine: str):
    from fixtures.build.written_periods import PLANTED_FINDINGS

    got = [(f.rule, f.id, f.reported, f.expected, f.severity) for f in run_rules(read(pdf, engine))[0]]
    assert [(r, i) for r, i, *_ in got] == [(r, i) for r, i, _, _ in PLANTED_FINDINGS]
    (_, _, rep, exp, severity), (_, _, want_rep, want_exp) = got[0], PLANTED_FINDINGS[0]
    assert rep == pytest.approx(want_rep) and exp == pytest.approx(want_exp) and severity == "error"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_clean_report_has_no_finding_and_no_reading_problem(pdf: Path, engine: str):
    report = read(pdf, engine)
    assert [(f.id, f.severity) for f in run_rules(report)[0] if f.severity in ("error", "warning")] == []
    assert report.issues == []
    assert report.numbers["seen"] == report.numbers["placed"] > 0  # conservation: every printed number placed


def test_truth_is_rebuilt_the_same_and_independently():
    """The committed truths are what the builder gives, and building them imports nothing of izlem_audit."""
    code = ("import sys, json; from fixtures.build.written_periods import build; "
            "out = [build(p)[1] for p in (False, True)]; "
            "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] == 'izlem_audit'), out]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    modules, truths = json.loads(out.stdout)
    assert modules == []
    assert truths == [truth(CLEAN[0]), truth(PLANTED[0])]


@pytest.mark.parametrize("label,kind", [("Ocak-Mart 2024", "period_other_year"),
                                        ("Ekim-Mart", "period_label_unknown"),
                                        ("Son Çeyrek", "period_label_unknown")])
def test_a_refused_label_is_a_reading_problem(tmp_path, label, kind):
    """A period cell the vocabulary refuses (another year, a backward range, 'the last quarter') is not guessed:
    the row is kept with its values and no month, the tool says so as a reading problem, and no error of the
    report follows from it; the other side: the same cell written 'Ocak-Mart 2025' reads as month 3."""
    from fixtures.build.render_reportlab import render_reportlab
    from fixtures.build.written_periods import build

    def first_period(text: str):
        raw = copy.deepcopy(build()[0])
        table = next(el for el in raw["elements"] if el.get("role") == "gosterge")
        table["rows"][1][5]["text"] = text  # A1 H1 PG1's first period
        render_reportlab(raw, tmp_path / "odd.pdf")
        return extract(tmp_path / "odd.pdf", engine="pdfium")

    report = first_period(label)
    p = report.hedefler[0].gostergeler[0].periods[0]
    assert (p.month, p.actual, p.reported_rate) == (None, 9.0, 18.75)
    assert [(i.kind, i.item, i.detail["text"], i.origin) for i in report.issues] == [(kind, "PG1", label, "reader")]
    findings = run_rules(report)[0]
    assert [f.id for f in findings if f.severity == "error"] == []
    assert any(f.origin == "reader" and label in f.message for f in findings)

    good = first_period("Ocak-Mart 2025")
    assert good.hedefler[0].gostergeler[0].periods[0].month == 3 and good.issues == []
