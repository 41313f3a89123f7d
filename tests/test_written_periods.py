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
from pathlib import Path

import pytest

from izlem_audit.extract import extract
from izlem_audit.rules.engine import run_rules
from helpers import ENGINES, FixtureDoc, assert_equals_truth, assert_planted_findings, findings, read, run_apart

DOC = FixtureDoc("ilginova-2025-6")
PDFS, CLEAN, PLANTED, truth = DOC.pdfs, DOC.clean, DOC.planted, DOC.truth


def test_two_producers_clean_and_planted():
    assert DOC.producers() == {"reportlab", "libreoffice"}
    assert len(CLEAN) == len(PLANTED) == 2


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_read_cell_for_cell(pdf: Path, engine: str):
    report = read(pdf, engine)
    want = truth(pdf)
    periods = sum(len(g["periods"]) for h in want["hedefler"] for g in h["gostergeler"])
    n = assert_equals_truth(want, report, f"{pdf.name} [{engine}] ({periods} periods)")
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

    assert_planted_findings(findings(pdf, engine), PLANTED_FINDINGS)
    assert [f.severity for f in findings(pdf, engine)] == ["error"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_clean_report_has_no_finding_and_no_reading_problem(pdf: Path, engine: str):
    report = read(pdf, engine)
    assert [(f.id, f.severity) for f in findings(pdf, engine) if f.severity in ("error", "warning")] == []
    assert report.issues == []
    assert report.numbers["seen"] == report.numbers["placed"] > 0  # conservation: every printed number placed


def test_truth_is_rebuilt_the_same_and_independently():
    """The committed truths are what the builder gives, and building them imports nothing of izlem_audit."""
    modules, truths = run_apart("from fixtures.build.written_periods import build",
                                "[build(p)[1] for p in (False, True)]")
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
    found = run_rules(report)[0]
    assert [f.id for f in found if f.severity == "error"] == []
    assert any(f.origin == "reader" and label in f.message for f in found)

    good = first_period("Ocak-Mart 2025")
    assert good.hedefler[0].gostergeler[0].periods[0].month == 3 and good.issues == []
