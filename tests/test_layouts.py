"""The layout readers as plug-ins: the registry, detection with its evidence, a reader added in one line, and a
header column whose field is already taken (never dropped: a period column for a reader that reads them, else a
reading problem)."""

from __future__ import annotations

from pathlib import Path

import pytest

from izlem_audit.assembling import layouts
from izlem_audit.assembling.layouts import Detection, LayoutReader
from izlem_audit.reading.page import Block, Line
from izlem_audit.reading.rows import TableRow, TextRow, row_stream, table_rows
from helpers import COLUMN_WIDTH, assemble as read, grid

ROOT = Path(__file__).resolve().parents[1]
LABELS = [["Amaç (A1)", "Hizmet kalitesini artırmak"], ["Hedef (H1)", "Ulaşımı iyileştirmek"],
          ["Performans %", "80,00"]]
MONTHLY = [["Sıra No", "Gösterge Kodu", "Gösterge Adı", "Hedef Etkisi %", "Hedef", "Ay", "Gerçekleşme",
            "Gerçekleşme Oranı %"],
           ["1", "PG1", "Yol (km)", "100", "10", "6", "8", "80,00"]]


def test_registry_holds_the_two_layouts_in_label_order():
    assert [r.name for r in layouts.READERS] == ["monthly_rows", "guide_quarters", "guide_standard", "keyvalue",
                                                 "activity_deviation", "programme"]
    assert layouts.reader("guide_standard").name == "guide_standard"


def test_row_stream_gives_table_rows_and_text_lines():
    t = grid(MONTHLY)
    line = Line("6 AYLIK İZLEME RAPORU", (40, 50, 300, 60))
    from izlem_audit.reading.page import TextLine
    items = list(row_stream([Block(1, 50, text=TextLine(1, line)), Block(1, 100, table=t)]))
    assert isinstance(items[0], TextRow) and items[0].line.text == "6 AYLIK İZLEME RAPORU"
    rows = [i for i in items if isinstance(i, TableRow)]
    assert [r.texts()[:2] for r in rows] == [["Sıra No", "Gösterge Kodu"], ["1", "PG1"]]
    assert rows[0].first and rows[1].last and rows[1].page == 1 and rows[1].bbox[1] == pytest.approx(114.0)
    assert len(list(table_rows(t))) == 2


def test_monthly_header_is_taken_by_its_month_column():
    asm, report = read(grid(LABELS), grid(MONTHLY, top=200))
    d = asm.tables[0]
    assert (d.kind, d.reader, d.via, d.page) == ("gosterge", "monthly_rows", "header", 1)
    assert "Ay" in d.evidence and d.score == pytest.approx(1.0)
    assert d.scores["monthly_rows"] == 1.0 and d.scores["guide_standard"] == 0.0
    assert all(v < 1.0 for k, v in d.scores.items() if k != "monthly_rows")  # every other reader: less
    assert report.layout == "monthly_rows" and report.hedefler[0].gostergeler[0].periods[0].actual == 8


def test_guide_header_is_taken_by_its_letters():
    labels = [["A1", "Hizmet kalitesini artırmak"], ["H1.1", "Ulaşımı iyileştirmek"],
              ["H1.1 Performansı", "80,00"]]
    header = ["Performans Göstergesi", "Hedefe Etkisi (%)", "Plan Dönemi Başlangıç Değeri (A)",
              "İzleme Dönemindeki Yılsonu Hedeflenen Değer (B)", "İzleme Dönemindeki Gerçekleşme Değeri (C)",
              "Performans (%) (C-A)/(B-A)"]
    asm, report = read(grid(labels), grid([header, ["PG1.1.1: Yol (km)", "100", "0", "10", "8", "80,00"]], top=200))
    d = asm.tables[0]
    assert d.reader == "guide_standard" and d.via == "header"
    assert any(e.endswith("(A)") for e in d.evidence) and any("(C-A)" in e for e in d.evidence)
    g = report.hedefler[0].gostergeler[0]
    assert report.layout == "guide_standard" and (g.code, g.baseline, g.target) == ("PG1", 0, 10)


def test_a_header_without_signs_goes_to_the_reader_the_labels_named():
    faaliyet = [["Sıra No", "Faaliyet Kodu", "Faaliyet / Proje Adı", "Hedef (TL)", "Gerçekleşme (TL)",
                 "Gerçekleşme Oranı %"], ["1", "F1", "Asfalt", "100", "50", "50,00"]]
    asm, report = read(grid(LABELS), grid(MONTHLY, top=200), grid(faaliyet, top=300))
    d = asm.tables[-1]
    assert (d.kind, d.reader, d.via, d.score) == ("faaliyet", "monthly_rows", "labels", 0.0)
    assert d.evidence == ["A1", "H1"]  # the codes of the label rows that named the reader
    assert report.hedefler[0].faaliyetler[0].spent == 50


class _Everything(LayoutReader):
    """A toy reader that claims every gösterge header and reads each period column as a period."""

    name = "toy_quarters"
    reads_periods = True

    def detect(self, kind, columns):
        periods = [c.period_label for c in columns if c.period]
        return Detection(self.name, 0.9 if periods else 0.0, tuple(periods))

    def gosterge_row(self, ctx, row):
        f = ctx.fields(row)
        super().gosterge_row(ctx, row)
        g = ctx.current.last_gosterge
        g.periods = []
        from izlem_audit.model import Period
        for col, c in ctx.columns_of(row):
            if col is not None and col.field == "actual" and col.period:
                g.periods.append(Period(col.period, float(c.flat), None))
        assert f.get("code") is not None


QUARTERS = [["Sıra No", "Gösterge Kodu", "Gösterge Adı", "Hedef Etkisi %", "Hedef", "Gerçekleşme", "Gerçekleşme"],
            ["", "", "", "", "", "3 Aylık", "6 Aylık"],
            ["1", "PG1", "Yol (km)", "100", "10", "4", "8"]]


def test_a_repeated_field_is_a_reading_problem_for_a_reader_without_periods(monkeypatch):
    """Two "Gerçekleşme" columns under the monthly reader: the second's values are not dropped silently."""
    monkeypatch.setattr(layouts, "READERS", [r for r in layouts.READERS if not r.reads_periods])
    _, report = read(grid(LABELS), grid(QUARTERS, top=200))
    problems = [i for i in report.issues if i.kind == "header_field_repeated"]
    assert len(problems) == 1 and problems[0].origin == "reader"
    assert problems[0].detail["text"] == "8" and problems[0].detail["field"] == "actual"
    assert problems[0].bbox[0] == pytest.approx(40 + 6 * COLUMN_WIDTH)
    from izlem_audit.rules.engine import run_rules

    said = [f for f in run_rules(report)[0] if f.origin == "reader"]
    assert len(said) == 1 and said[0].rule == "IZ603" and "'Gerçekleşme' sütunu" in said[0].message


def test_no_problem_when_the_field_is_not_repeated():
    _, report = read(grid(LABELS), grid(MONTHLY, top=200))
    assert not [i for i in report.issues if i.kind == "header_field_repeated"]


def test_a_reader_added_in_one_line_takes_its_tables(monkeypatch):
    """Adding a layout is one module and one line in READERS: the toy reader gets the header with period
    columns, with the period labels as its evidence, and reads both quarters (nothing reported as lost)."""
    monkeypatch.setattr(layouts, "READERS", [*(r for r in layouts.READERS if not r.reads_periods), _Everything()])
    asm, report = read(grid(LABELS), grid(QUARTERS, top=200))
    d = asm.tables[0]
    assert d.reader == "toy_quarters" and set(d.evidence) == {"3 Aylık", "6 Aylık"}
    assert report.layout == "toy_quarters"
    g = report.hedefler[0].gostergeler[0]
    assert [(p.month, p.actual) for p in g.periods] == [(3, 4.0), (6, 8.0)]
    assert not [i for i in report.issues if i.kind == "header_field_repeated"]


@pytest.mark.parametrize("name,reader,sign", [("cigli-2024-6-reportlab.pdf", "monthly_rows", "Ay"),
                                               ("rehber-2025-6-chromium-portrait.pdf", "guide_standard", "(B)")])
def test_fixtures_are_taken_by_their_reader_for_a_reason(name, reader, sign):
    """Every gösterge table of the fixture is taken by its layout's reader, on its header's sign; the extract
    JSON says so per table."""
    from izlem_audit.extract import extract

    report = extract(ROOT / "fixtures" / "pdfs" / name)
    gosterge = [d for d in report.tables if d.kind == "gosterge"]
    assert len(gosterge) >= 7 and all(d.reader == reader and d.via == "header" for d in gosterge)
    assert all(any(sign in e for e in d.evidence) for d in gosterge)
    assert report.layout == reader
    tables = report.to_dict()["tables"]
    assert len(tables) == len(report.tables) and tables[0]["reader"] == report.tables[0].reader
    assert tables[0]["page"] >= 1 and len(tables[0]["bbox"]) == 4


@pytest.mark.parametrize("lang,words", [("tr", ("gösterge tablosu → monthly_rows, puan 1,00", "etiketleri belirledi: A1 | H1")),
                                        ("en", ("gösterge table → monthly_rows, score 1.00", "labels decided: A1 | H1"))])
def test_debug_says_which_reader_took_each_table_and_why(tmp_path, lang, words):
    from typer.testing import CliRunner

    from izlem_audit.cli import app

    out = tmp_path / "p6.png"
    res = CliRunner().invoke(app, ["debug", str(ROOT / "fixtures" / "pdfs" / "cigli-2024-6-reportlab.pdf"),
                                   "--page", "6", "-o", str(out), "--lang", lang])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if "→" in ln]
    # page 6 holds two gösterge headers and one faaliyet header
    assert len(lines) == 3 and sum(words[0] in ln for ln in lines) == 2
    assert sum(words[1] in ln for ln in lines) == 1
    assert all("Ay | Sıra No" in ln for ln in lines if words[0] in ln)
    assert out.stat().st_size > 10_000


GOKOVA = ["gokova-2025-6-reportlab.pdf", "gokova-2025-6-libreoffice.pdf"]


@pytest.mark.parametrize("name", GOKOVA)
def test_guide_layout_reads_performans_hedefi_rows(name):
    """The guide's layout with hedefler split into performans hedefleri (fixtures/build/rehber_ph.py): one block
    per PH, whether the A/H rows stand above it (H1.1) or not (H1.2's second PH); the cell-for-cell truth is in
    test_extraction."""
    from izlem_audit.extract import extract

    report = extract(ROOT / "fixtures" / "pdfs" / name)
    assert [h.key for h in report.hedefler] == [("A1", "H1", "PH1"), ("A1", "H1", "PH2"), ("A1", "H2", "PH1"),
                                                ("A1", "H2", "PH2"), ("A2", "H1", None)]
    second = report.hedefler[3]  # its table begins with the PH row: amaç and hedef are the ones above it
    assert second.printed_codes == {"amac": "A1", "hedef": "H1.2", "performans_hedefi": "PH1.2.2"}
    assert (second.hedef_title, second.performans_hedefi_title) == ("Yeşil Alanların Artırılması",
                                                                    "Ağaçlandırma çalışmalarının sürdürülmesi")
    assert second.reported_performance == 70.0 and [g.printed_code for g in second.gostergeler] == \
        ["PG1.2.2.1", "PG1.2.2.2"]
    assert not report.issues


@pytest.mark.parametrize("name", GOKOVA)
def test_guide_ph_fixture_gives_exactly_its_planted_finding(name):
    """PH1.2.2's performance is printed 70,00; 0,6 × 50 + 0,4 × 87,5 = 65,00: that finding, on that PH, and no
    other (the correct PH blocks pass)."""
    from izlem_audit.extract import extract
    from izlem_audit.rules.engine import run_rules

    findings, _ = run_rules(extract(ROOT / "fixtures" / "pdfs" / name))
    assert [(f.rule, f.amac, f.hedef, f.performans_hedefi, f.reported, f.expected) for f in findings] == \
        [("IZ201", "A1", "H2", "PH2", 70.0, 65.0)]


def test_gokova_truth_is_committed_and_built_without_the_package():
    """The PH fixture's truth comes from its own specification (fixtures/build/rehber_ph.py), imports nothing
    of izlem_audit, and is what is committed."""
    import json

    from fixtures.build.rehber_ph import build
    from helpers import run_apart
    from izlem_audit.model import Report

    raw_doc, truth = build()
    assert json.loads((ROOT / "fixtures" / "truth" / "gokova-2025-6.json").read_text(encoding="utf-8")) == truth
    assert json.loads((ROOT / "fixtures" / "raw" / "gokova-2025-6.json").read_text(encoding="utf-8")) == raw_doc
    assert Report.from_dict(truth).to_dict(evidence=False) == truth
    assert run_apart("from fixtures.build.rehber_ph import build; build()")[0] == []


def test_detections_keep_the_first_interface_shape():
    """Readers written against the first landing read ``asm.detections`` as (page, box, kind, Detection,
    scores): the same facts as ``asm.tables``."""
    asm, _ = read(grid(LABELS), grid(MONTHLY, top=200))
    page, bbox, kind, d, scores = asm.detections[0]
    t = asm.tables[0]
    assert (page, bbox, kind, d.reader, d.score, list(d.evidence), d.via, scores) == \
        (t.page, t.bbox, t.kind, t.reader, t.score, t.evidence, t.via, t.scores)


REPEATING = ["Sıra No", "Gösterge Kodu", "Gösterge Adı", "Hedef Etkisi %", "Hedef", "Ay", "Gerçekleşme",
             "Gerçekleşme Oranı %"]


def _repeating(rows):
    from izlem_audit.rules.engine import run_rules

    _, report = read(grid(LABELS), grid([REPEATING] + rows, top=200))
    findings, _ = run_rules(report)
    shape = [(g.code, [(p.month, p.actual) for p in g.periods]) for g in report.hedefler[0].gostergeler]
    return report, shape, sorted((f.rule, f.item) for f in findings if f.severity in ("error", "warning"))


def test_a_gosterge_printed_again_on_each_period_row_is_one_gosterge():
    """A layout (often a spreadsheet's) that repeats code, name, weight and target on every period row: one
    gösterge per code with its periods, no duplicated code, weights summing to 100; the repeated cells are
    further places of the same values, so that the conservation ledger places their numbers."""
    from izlem_audit.assembling.conservation import _evidence_boxes

    report, shape, said = _repeating([["1", "PG1", "Yol (km)", "50", "10", "3", "4", "40,00"],
                                      ["1", "PG1", "Yol (km)", "50", "10", "6", "8", "80,00"],
                                      ["2", "PG2", "Park (adet)", "50", "10", "3", "4", "40,00"],
                                      ["2", "PG2", "Park (adet)", "50", "10", "6", "8", "80,00"]])
    assert shape == [("PG1", [(3, 4.0), (6, 8.0)]), ("PG2", [(3, 4.0), (6, 8.0)])]
    assert said == []
    g = report.hedefler[0].gostergeler[0]
    second_row = g.periods[1].evidence.bbox
    for name in ("seq", "code", "name", "weight", "target"):
        (page, box), = g.evidence.cells[name].parts
        assert page == 1 and box[1] == second_row[1]
    boxes = {b for _, b in _evidence_boxes(report)}
    assert g.evidence.cells["target"].parts[0][1] in boxes


@pytest.mark.parametrize("second", [
    ["1", "PG1", "Yol (km)", "50", "12", "6", "8", "66,67"],  # another target: not the same gösterge
    ["1", "PG1", "Yol (km)", "50", "10", "3", "4", "40,00"],  # the same period again: a duplicated row
])
def test_a_code_printed_again_with_other_figures_or_the_same_period_is_another_row(second):
    _, shape, said = _repeating([["1", "PG1", "Yol (km)", "50", "10", "3", "4", "40,00"], second,
                                 ["2", "PG2", "Park (adet)", "50", "10", "3", "4", "40,00"]])
    assert [code for code, _ in shape] == ["PG1", "PG1", "PG2"]
    assert ("IZ602", "PG1") in said  # the report's duplicated code, said as before
