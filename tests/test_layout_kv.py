"""Layout ``keyvalue`` (``layouts/keyvalue.py``): the Akçay 9-month report, whose hedef information is a
key/value box in another vocabulary (``Stratejik Amaç | SA1 - …``), periods written out (``Ocak-Eylül``,
``3 Aylık``, ``III. Dönem``, ``9. Ay``) and a cumulative column beside the period's own value.

Fixtures: ``fixtures/build/keyvalue.py`` (reportlab, and LibreOffice from a python-docx file); the truth is that
module's own reading of the raw document (``truth_of``, no izlem_audit). Held here: every producer read cell for
cell equal to the truth with pdfium and pdfplumber (the cell count is printed: ``pytest -s``), the planted
variant gives exactly the findings listed by hand in ``PLANTED_FINDINGS``, the clean one no error or warning.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from izlem_audit.extract import extract
from izlem_audit.rules.engine import run_rules
from helpers import (ENGINES, FixtureDoc, assert_draft_reads_as_its_pdf, assert_equals_truth, assert_planted_findings,
                     cli, detections, findings, read, run_apart)

DOC = FixtureDoc("akcay-2025-9")
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
    n = assert_equals_truth(want, report, f"{pdf.name} [{engine}] ({periods} periods with their own value)")
    assert report.layout == "keyvalue"
    # the whole truth was compared: 5 blocks, 11 göstergeler of 3 periods, 8 faaliyetler
    assert want["counts"] == {"amac": 2, "hedef": 4, "performans_hedefi": 2, "gosterge": 11, "faaliyet": 8}
    assert periods == 33 and n == 395  # every cell of the truth
    # the period's own value and the cumulative one are both kept
    assert all(p.period_value is not None and p.actual is not None
               for h in report.hedefler for g in h.gostergeler for p in g.periods)


@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_written_out_periods_are_months(pdf: Path):
    """Each block writes its periods in another style; all read as months 3, 6, 9."""
    report = read(pdf, "pdfium")
    styles = {tuple(p.evidence.cells["month"].text.replace(" ", "") for p in h.gostergeler[0].periods)
              for h in report.hedefler}
    assert styles == {("Ocak-Mart", "Ocak-Haziran", "Ocak-Eylül"), ("3Aylık", "6Aylık", "9Aylık"),
                      ("I.Dönem", "II.Dönem", "III.Dönem"), ("3.Ay", "6.Ay", "9.Ay")}
    assert all([p.month for p in g.periods] == [3, 6, 9] for h in report.hedefler for g in h.gostergeler)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PLANTED, ids=lambda p: p.stem)
def test_planted_errors_give_exactly_their_findings(pdf: Path, engine: str):
    from fixtures.build.keyvalue import PLANTED_FINDINGS

    assert_planted_findings(findings(pdf, engine), PLANTED_FINDINGS)
    assert all(f.severity == "error" for f in findings(pdf, engine))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_clean_report_has_no_error_or_warning(pdf: Path, engine: str):
    bad = [(f.id, f.severity) for f in findings(pdf, engine) if f.severity in ("error", "warning")]
    assert bad == []


def test_detection_names_the_box():
    from izlem_audit.assembling.layouts import keyvalue

    assert keyvalue.value_code("SH1.2 - Yeşil Alanların Artırılması") == ("SH1.2", [1, 2], "Yeşil Alanların Artırılması")
    assert keyvalue.value_code("Park ve Bahçeler Müdürlüğü") is None
    assert keyvalue.box_label("Stratejik Hedef") == "hedef" and keyvalue.box_label("Hedef Performansı (%)") == \
        "performance"
    assert keyvalue.box_label("Gösterge Adı") is None


def test_truth_is_rebuilt_the_same_and_independently():
    """The committed truths are what the builder gives, and building them imports nothing of izlem_audit."""
    modules, truths = run_apart("from fixtures.build.keyvalue import build", "[build(p)[1] for p in (False, True)]")
    assert modules == []
    assert truths == [truth(CLEAN[0]), truth(PLANTED[0])]


def test_check_command_reads_it(tmp_path):
    """As a user runs it: the clean report passes the gate (it was "hedef tablosu bulunamadı", exit 2), the
    planted one fails it with its four findings; the console names the layout."""
    def run(pdf: Path, *extra: str):
        return cli("check", str(pdf), "--engine", "pdfium", *extra)

    clean = run(CLEAN[0])
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "kümülatif" in clean.stdout.lower()
    out = tmp_path / "check.json"
    planted = run(PLANTED[0], "--format", "json", "--output", str(out), "-q")
    assert planted.returncode == 1, planted.stderr
    d = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(f["id"] for f in d["findings"]) == sorted(i for _, i, _, _ in
                                                            __import__("fixtures.build.keyvalue", fromlist=["x"])
                                                            .PLANTED_FINDINGS)


def test_compare_sees_a_nine_month_report():
    from izlem_audit.comparing.documents import describe

    d = describe(1, str(CLEAN[0]), read(CLEAN[0], "pdfium"))
    assert (d.kind, d.months, d.year) == ("monitoring_report", 9, 2025)
    assert d.municipality == "Akçay Belediyesi"


def test_header_and_box_words_by_meaning():
    from izlem_audit.normalising.headers import BOX_FIELDS, GOSTERGE_COLUMNS, VOCABULARY, match_column

    for m in VOCABULARY:
        if m.kind == "hedef_box":
            for s in m.spellings:
                assert match_column(s, BOX_FIELDS)[0] == m.field, s
    assert match_column("Dönem Gerçekleşmesi", GOSTERGE_COLUMNS)[0] == "period_value"
    assert match_column("Kümülatif Gerçekleşme", GOSTERGE_COLUMNS)[0] == "actual"
    assert match_column("Gerçekleşme", GOSTERGE_COLUMNS)[0] == "actual"  # unchanged
    assert match_column("Sorumlu Birim", BOX_FIELDS)[0] == "sorumlu_birim"
    assert match_column("Gösterge Adı", BOX_FIELDS)[0] is None


def test_an_unreadable_period_is_a_reading_problem(tmp_path):
    """A period cell no vocabulary names ('Yaz Dönemi') is not guessed: the row is kept without a month and the
    tool says it could not read it (a reading problem, never an error of the report)."""
    import copy

    from fixtures.build.keyvalue import build
    from fixtures.build.render_reportlab import render_reportlab

    raw = copy.deepcopy(build()[0])
    table = next(el for el in raw["elements"] if el.get("role") == "kv_gosterge")
    table["rows"][2][4]["text"] = "Yaz Dönemi"  # PG1.1.1's second period
    render_reportlab(raw, tmp_path / "odd.pdf")
    report = extract(tmp_path / "odd.pdf", engine="pdfium")
    issues = [i for i in report.issues if i.kind == "period_label_unknown"]
    assert [(i.item, i.detail["text"], i.origin) for i in issues] == [("PG1", "Yaz Dönemi", "reader")]
    found = run_rules(report)[0]
    assert [f.severity for f in found if f.severity == "error"] == []
    assert any(f.origin == "reader" and "Yaz Dönemi" in f.message for f in found)


@pytest.mark.parametrize("pdf", CLEAN, ids=lambda p: p.stem)
def test_taken_by_its_reader_for_a_reason(pdf: Path):
    """The gösterge tables go to keyvalue on its sign (a period column beside a period-value / cumulative one),
    above the monthly-rows reader's score for the same header; faaliyet tables by the block's labels."""
    seen = detections(pdf)
    gosterge = [(d, scores) for kind, d, scores in seen if kind == "gosterge"]
    assert len(gosterge) == 5
    for d, scores in gosterge:
        assert d.reader == "keyvalue" and d.via == "header"
        # (narrow header cells break words: "Dönem Ge / rçekleşme / si")
        assert {e.replace(" ", "") for e in d.evidence} == {"İzlemeDönemi", "DönemGerçekleşmesi",
                                                            "KümülatifGerçekleşme"}
        assert scores["keyvalue"] > scores["monthly_rows"] > 0 and scores["activity_deviation"] == 0
    faaliyet = [d for kind, d, _ in seen if kind == "faaliyet"]
    assert len(faaliyet) == 5 and all(d.reader == "keyvalue" and d.via == "labels" for d in faaliyet)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_draft_reads_as_its_pdf(tmp_path, kind):
    """The Word and Excel drafts of the planted report read as its truth and give the PDF's findings."""
    from fixtures.build.keyvalue import build

    assert_draft_reads_as_its_pdf(build, kind, tmp_path, 395, PLANTED[0])


BOX = [["Stratejik Amaç", "SA1 - Hizmet kalitesini artırmak"], ["Stratejik Hedef", "SH1.1 - Ulaşımı iyileştirmek"],
       ["Sorumlu Birim", "Fen İşleri Müdürlüğü"], ["Hedef Performansı (%)", "40,00"]]


@pytest.mark.parametrize("actual_label,reader", [("Kümülatif Gerçekleşme", "keyvalue"),
                                                 ("Gerçekleşme", "monthly_rows")])
def test_detection_both_sides(actual_label, reader):
    """A cumulative column is this layout's sign; without it (or a period-value column) the monthly-rows reader
    keeps the table, and the box's block is still read by the box's labels."""
    from helpers import assemble as read_tables, grid

    header = ["Kod", "Performans Göstergesi", "Ağırlık (%)", "Hedef", "İzleme Dönemi", actual_label,
              "Gerçekleşme Oranı (%)"]
    asm, report = read_tables(grid(BOX), grid([header, ["PG1.1.1", "Yol (km)", "100", "10", "3", "4", "40,00"]],
                                              top=200))
    d = asm.detections[0][3]
    assert d.reader == reader
    h = report.hedefler[0]
    assert (h.amac, h.hedef, h.printed_codes, h.reported_performance) == ("A1", "H1", {"amac": "SA1", "hedef":
                                                                                       "SH1.1"}, 40.0)
    assert [(p.month, p.actual, p.reported_rate) for p in h.gostergeler[0].periods] == [(3, 4.0, 40.0)]
