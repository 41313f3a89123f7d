"""The performance programme as the reference of ``compare``, and the 6/9/12 set.

Truth comes from the generator (fixtures/build/karacam_programme.py → fixtures/compare/programme.json), not from
the code under test: what each programme prints, and the findings planted in each set, with the two documents
each names. Every programme is read from three producers (reportlab, Chromium, LibreOffice from a .docx)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from fixtures.build.karacam_programme import PRODUCERS, PROGRAMME_SETS, document_path
from fixtures.build.compare import OUT
from izlem_audit.pipeline import read_report
from izlem_audit.comparing.documents import describe
from izlem_audit.comparing.engine import run_compare
from izlem_audit.model import Report
from izlem_audit.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[1]
TRUTH = json.loads((OUT / "programme.json").read_text(encoding="utf-8"))
NAMED = ("IZ704", "IZ705", "IZ708", "IZ709")
ROLES = ("program", "6", "9", "12")
SIX_NINE = sorted(n for n, spec in PROGRAMME_SETS.items() if spec[3] is None)
YEARLY = sorted(n for n, spec in PROGRAMME_SETS.items() if spec[3] is not None)


@lru_cache(maxsize=None)
def _read(path: Path) -> Report:
    return read_report(path, "pdfium", None, "tr", True)


def _paths(name: str, producer: str) -> dict[str, Path]:
    return {role: document_path(doc, producer) for role, doc in TRUTH["sets"][name]["documents"].items()}


def _compare(name: str, producer: str, order=ROLES):
    paths = _paths(name, producer)
    docs = [describe(i, str(paths[r]), copy.deepcopy(_read(paths[r]))) for i, r in
            enumerate((r for r in order if r in paths), 1)]
    return run_compare(docs), paths


def _key(f, paths: dict[str, Path]) -> list:
    role = {str(p): r for r, p in paths.items()}
    a, b = f.params["documents"]
    return [f.rule, f.amac, f.hedef or None, f.item, f.period, f.field if f.rule in NAMED else None, role[a],
            role[b]]


# ----------------------------------------------------------------------------------------------- the reader


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("doc", sorted(TRUTH["programmes"]))
def test_programme_read_equals_its_truth(doc, producer):
    r = _read(document_path(doc, producer))
    got = [{"amac": h.amac, "hedef": h.hedef, "performans_hedefi": h.performans_hedefi, "amac_title": h.amac_title,
            "hedef_title": h.hedef_title, "sorumlu_birim": h.sorumlu_birim,
            "gostergeler": [{"code": g.code, "name": g.name, "unit": g.unit, "weight": g.weight,
                             "baseline": g.baseline,
                             "prior": _num(g.evidence.cells["prior"].text) if "baseline" in g.evidence.cells
                             and "prior" in g.evidence.cells else None,
                             "target": g.target} for g in h.gostergeler],
            "faaliyetler": [{"code": f.code, "name": f.name, "budget": f.budget} for f in h.faaliyetler]}
           for h in r.hedefler]
    assert got == TRUTH["programmes"][doc]
    assert r.layout == "programme" and r.issues == []
    assert all(not g.periods for h in r.hedefler for g in h.gostergeler)  # a programme monitors nothing
    assert r.numbers["seen"] == r.numbers["placed"] > 0  # every printed number is kept as evidence


def _num(text: str) -> float:
    from izlem_audit.normalising.numbers import parse_number

    return parse_number(text)


@pytest.mark.parametrize("producer", PRODUCERS)
def test_programme_says_what_it_is(producer):
    for doc in ("karacam-m-program", "karacam-g-program"):
        path = document_path(doc, producer)
        d = describe(1, str(path), _read(path))
        assert (d.kind, d.year, d.months, d.municipality) == ("programme", 2025, 0, "Karaçam Belediyesi")
        assert d.report.title == "2025 YILI PERFORMANS PROGRAMI"


@pytest.mark.parametrize("producer", PRODUCERS)
def test_programme_is_clean_under_check(producer):
    for doc in ("karacam-m-program", "karacam-g-program"):
        bad = [(f.rule, f.location) for f in run_rules(_read(document_path(doc, producer)))[0]
               if f.severity in ("error", "warning")]
        assert bad == [], doc


def test_a_report_is_not_read_as_a_programme():
    """The programme reader takes only tables with a target and no actual under a programme's title: the
    reports of the same municipality keep their own reading."""
    for name in ("karacam-m-6", "karacam-g-6", "karacam-m-clean-9"):
        r = _read(document_path(name, "reportlab"))
        assert r.layout in ("monthly_rows", "guide_standard") and describe(1, "x", r).kind == "monitoring_report"


# ----------------------------------------------------------------------------------------------- the sets


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("name", SIX_NINE)
def test_programme_set_gives_exactly_what_was_planted(name, producer):
    out, paths = _compare(name, producer)
    assert out.documents[0].kind == "programme"  # the reference
    assert sorted(_key(f, paths) for f in out.findings) == sorted(TRUTH["sets"][name]["planted"])
    for f in out.findings:
        a, b = f.params["documents"]
        assert a in f.message and b in f.message


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("name", ["p-m-clean", "p-g-clean", "p-m-controls"])
def test_clean_programme_sets_and_controls_raise_no_error_or_warning(name, producer):
    out, _ = _compare(name, producer)
    assert [f.id for f in out.findings if f.severity in ("error", "warning")] == []


def test_programme_is_the_reference_whatever_the_order():
    out, paths = _compare("p-m-target", "reportlab", order=("9", "6", "program"))
    assert [d.path for d in out.documents] == [str(paths[r]) for r in ("program", "6", "9")]
    assert all(f.params["documents"][0] == str(paths["program"]) for f in out.findings)


def test_planted_programme_sets_cover_the_structure_rules():
    rules = {p[0] for s in TRUTH["sets"].values() for p in s["planted"] if p[6] == "program"}
    assert {"IZ701", "IZ702", "IZ703", "IZ704", "IZ705", "IZ710"} <= rules


# ----------------------------------------------------------------------------------------------- the rules' edges


def _g(name: str, unit: str | None):
    from tests.factories import gosterge

    return gosterge(k=1, name=name, unit=unit, weight=50.0, target=100.0, periods=[])


def test_a_unit_in_its_own_column_is_not_a_reworded_name():
    from izlem_audit.comparing.rules import same_but_unit

    assert same_but_unit(_g("Dikilen ağaç sayısı", "adet"), _g("Dikilen ağaç sayısı (adet)", "adet"))
    assert same_but_unit(_g("Dikilen ağaç sayısı (Adet)", "adet"), _g("Dikilen ağaç sayısı", "adet"))
    assert not same_but_unit(_g("Dikilen ağaç sayısı", "m²"), _g("Dikilen ağaç sayısı (adet)", "adet"))
    assert not same_but_unit(_g("Dikilen fidan sayısı", "adet"), _g("Dikilen ağaç sayısı (adet)", "adet"))
    assert not same_but_unit(_g("Dikilen ağaç sayısı (adet)", "adet"), _g("Dikilen ağaç sayısı (adet)", "adet"))


def test_programme_faaliyetler_against_a_layout_without_faaliyet_tables():
    """A guide-layout report prints no faaliyet table: the programme's faaliyetler are not missing from it; a
    report that prints faaliyet tables and lacks one is still told."""
    out, _ = _compare("p-g-clean", "reportlab")
    assert [f for f in out.findings if f.field == "faaliyet"] == []
    m_prog, m6 = document_path("karacam-m-program", "reportlab"), document_path("karacam-m-6", "reportlab")
    r6 = copy.deepcopy(_read(m6))
    del r6.hedefler[0].faaliyetler[1]
    got = run_compare([describe(1, str(m_prog), copy.deepcopy(_read(m_prog))), describe(2, str(m6), r6)]).findings
    assert [(f.rule, f.amac, f.hedef, f.item, f.field) for f in got] == [("IZ704", "A1", "H1", "F2", "faaliyet")]


def test_one_point_against_the_programme_is_caught():
    prog, m6 = document_path("karacam-m-program", "reportlab"), document_path("karacam-m-6", "reportlab")
    for attr, rule in (("target", "IZ701"), ("weight", "IZ702")):
        r = copy.deepcopy(_read(prog))
        g = r.hedefler[2].gostergeler[0]
        setattr(g, attr, getattr(g, attr) + 1)
        got = run_compare([describe(1, str(prog), r), describe(2, str(m6), copy.deepcopy(_read(m6)))]).findings
        assert [(f.rule, f.amac, f.hedef, f.item) for f in got] == [(rule, "A2", "H1", "PG1")]
    r = copy.deepcopy(_read(prog))
    r.hedefler[2].faaliyetler[0].budget += 1
    got = run_compare([describe(1, str(prog), r), describe(2, str(m6), copy.deepcopy(_read(m6)))]).findings
    assert [(f.rule, f.item) for f in got] == [("IZ710", "F1")]


# ----------------------------------------------------------------------------------------------- the 6/9/12 set


def _quarters_read(path: Path) -> bool:
    r = _read(path)
    return all(sorted(p.month for p in g.periods) == [3, 6, 9, 12] for h in r.hedefler for g in h.gostergeler)


@pytest.mark.parametrize("producer", ("reportlab", "chromium"))
def test_yearly_report_quarters_equal_their_truth(producer):
    for doc, rows in TRUTH["yearly"].items():
        r = _read(document_path(doc, producer))
        got = {(h.amac, h.hedef, g.code): {str(p.month): p.actual for p in g.periods}
               for h in r.hedefler for g in h.gostergeler}
        assert got == {(t["amac"], t["hedef"], t["item"]): t["periods"] for t in rows}


@pytest.mark.parametrize("producer", ("reportlab", "chromium", "libreoffice"))
@pytest.mark.parametrize("name", YEARLY)
def test_six_nine_twelve_with_the_programme_gives_exactly_what_was_planted(name, producer):
    out, paths = _compare(name, producer)
    assert [d.months for d in out.documents] == [0, 6, 9, 12]
    assert _quarters_read(paths["12"])  # each quarter a period of its own (layouts/quarters.py)
    assert sorted(_key(f, paths) for f in out.findings) == sorted(TRUTH["sets"][name]["planted"])


# ----------------------------------------------------------------------------------------------- the command


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from izlem_audit.cli import main; main()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_html_shows_the_programme_target_and_weight(tmp_path):
    import re

    paths = _paths("p-m-target", "reportlab")
    run = _cli("compare", str(paths["6"]), str(paths["program"]), str(paths["9"]), "--format", "html,json,xlsx",
               "--output", str(tmp_path / "k"), "-q")
    assert run.returncode == 1, run.stderr
    html = (tmp_path / "k.html").read_text(encoding="utf-8")
    assert "Referans: performans programı" in html and "Program: hedef (B)" in html and "Program: etki %" in html
    # A1 H2 PG1: the programme's target 1.300 outlined, both reports' last cells say the target they print
    outlined = re.findall(r"<td class='num diff' title='([^']*)'>([^<]*)</td>", html)
    assert [t for _, t in outlined] == ["1.300,00", "610,00 [hedef 1.200,00]", "900,00 [hedef 1.200,00]"]
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "k.xlsx")["Yan yana"]
    assert [c.value for c in ws[1]][2:5] == ["Program: hedef (B)", "Program: etki %", "Program: başlangıç (A)"]
    pg1 = next(r for r in ws.iter_rows() if r[0].value == "PG1" and r[1].value == "Geri kazanılan ambalaj atığı")
    assert pg1[2].value == 1300 and pg1[2].border.left.color.rgb.endswith("C0392B")  # the programme's, outlined
    data = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    assert data["reference"] == {"document": str(paths["program"]), "why": "performance programme"}
    assert [d["kind"] for d in data["documents"]] == ["monitoring_report", "programme", "monitoring_report"]


@pytest.mark.parametrize("name", ["p-m-budget", "p-g-baseline"])
def test_programme_drafts_give_what_was_planted(name, tmp_path):
    """The strategy office's programme as a Word or Excel draft reads as its PDF does, and is the reference."""
    from fixtures.build.karacam_programme import build, programme_id
    from fixtures.build.render_docx import build_docx
    from fixtures.build.render_xlsx import build_xlsx

    raws, _ = build()
    pid = programme_id(name)
    build_docx(raws[pid], tmp_path / "program.docx")
    build_xlsx(raws[pid], tmp_path / "program.xlsx")
    paths = _paths(name, "reportlab")
    for draft in ("program.docx", "program.xlsx"):
        r = read_report(tmp_path / draft, "pdfium", None, "tr", True)
        assert [(h.amac, h.hedef, [(g.code, g.weight, g.baseline, g.target) for g in h.gostergeler],
                 [(f.code, f.budget) for f in h.faaliyetler]) for h in r.hedefler] == [
            (t["amac"], t["hedef"], [(g["code"], g["weight"], g["baseline"], g["target"]) for g in t["gostergeler"]],
             [(f["code"], f["budget"]) for f in t["faaliyetler"]]) for t in TRUTH["programmes"][pid]]
        docs = [describe(1, str(tmp_path / draft), r)] + [
            describe(i, str(paths[role]), copy.deepcopy(_read(paths[role]))) for i, role in ((2, "6"), (3, "9"))]
        out = run_compare(docs)
        role = {str(tmp_path / draft): "program", str(paths["6"]): "6", str(paths["9"]): "9"}
        got = sorted([f.rule, f.amac, f.hedef, f.item, f.period, None, *(role[p] for p in f.params["documents"])]
                     for f in out.findings)
        assert got == sorted(TRUTH["sets"][name]["planted"])


# ----------------------------------------------------------------------------------------------- the reader, by rows


def _row(*texts_at: tuple[str, float, float]):
    return list(texts_at)


def _read_rows(rows) -> tuple[list, list]:
    """The rows as one ruled table on a page under a programme's title, through the assembler and its layout
    readers: (hedef blocks, issues)."""
    from izlem_audit.assembling import Assembler
    from izlem_audit.reading.page import Block, GridCell, GridTable, Line, TextLine

    cells = []
    for r, row in enumerate(rows):
        top = 20.0 + 10 * r
        cells += [GridCell(r, i, 1, 1, (x0, top, x1, top + 10), [Line(t, (x0 + 1, top + 1, x1 - 1, top + 9))])
                  for i, (t, x0, x1) in enumerate(row) if t]
    table = GridTable(1, (0, 20, 500, 20 + 10 * len(rows)), [0.0, 500.0], [20.0 + 10 * r for r in range(len(rows) + 1)],
                      cells)
    asm = Assembler()
    asm.feed(Block(1, 0, text=TextLine(1, Line("2025 YILI PERFORMANS PROGRAMI", (0, 0, 300, 10)))))
    asm.feed(Block(1, 20, table=table))
    report = asm.finish()
    return report.hedefler, report.issues


def test_reader_two_row_header_several_years_and_uncoded_rows():
    cols = [(0, 200), (200, 260), (260, 320), (320, 380), (380, 440), (440, 500)]

    def at(*texts):
        return [(t, *cols[i]) for i, t in enumerate(texts)]

    rows = [
        _row(("Amaç", 0, 100), ("A3 Sağlıklı Bir Kent", 100, 500)),
        _row(("Hedef", 0, 100), ("H3.2 Spor Tesislerinin Artırılması", 100, 500)),
        _row(("Performans Hedefi", 0, 100), ("PH1 Yeni spor alanları açmak", 100, 500)),
        _row(*at("Performans Göstergesi", "Ölçü Birimi", "Ağırlık (%)", "2025 Hedefi", "2026 Hedefi",
                 "2027 Hedefi")),
        _row(*at("1. Açılan spor salonu sayısı", "Adet", "100", "2", "3", "4")),
        _row(("Faaliyetler", 0, 260), ("Kaynak İhtiyacı (TL)", 260, 500)),
        _row(("", 0, 260), ("Bütçe", 260, 340), ("Bütçe Dışı", 340, 420), ("Toplam", 420, 500)),
        _row(("Spor salonu yapımı", 0, 260), ("9.000.000,00", 260, 340), ("1.000.000,00", 340, 420),
             ("10.000.000,00", 420, 500)),
        _row(("Genel Toplam", 0, 260), ("9.000.000,00", 260, 340), ("1.000.000,00", 340, 420),
             ("10.000.000,00", 420, 500)),
    ]
    hedefler, issues = _read_rows(rows)
    (h,) = hedefler
    assert h.printed_codes == {"amac": "A3", "hedef": "H3.2", "performans_hedefi": "PH1"}
    assert (h.amac, h.hedef, h.performans_hedefi, h.performans_hedefi_title) == (
        "A3", "H2", "PH1", "Yeni spor alanları açmak")
    (g,) = h.gostergeler
    assert (g.code, g.unit, g.weight, g.target, g.baseline) == ("PG1", "adet", 100.0, 2.0, None)
    assert sorted(k for k in g.evidence.cells if k.startswith("target")) == ["target", "target_2026", "target_2027"]
    (f,) = h.faaliyetler
    assert (f.code, f.name, f.budget) == ("F1", "Spor salonu yapımı", 9_000_000.0)
    assert {"outside", "total"} <= set(f.evidence.cells) and "total_sum" in h.evidence.cells
    # no printed code: the item is numbered and the missing code said, as in a report
    assert [(i.kind, i.item) for i in issues] == [("missing_code", "PG1"), ("missing_code", "F1")]


def test_reader_refuses_a_monitoring_table():
    cols = [(0, 200), (200, 260), (260, 320), (320, 380)]
    rows = [_row(("A1", 0, 100), ("Amaç", 100, 500)), _row(("H1.1", 0, 100), ("Hedef", 100, 500)),
            _row(*[(t, *cols[i]) for i, t in enumerate(("Performans Göstergesi", "Hedefe Etkisi (%)",
                                                          "2025 Yılı Hedefi", "2025 Yılı Gerçekleşme"))]),
            _row(*[(t, *cols[i]) for i, t in enumerate(("PG1.1.1: Ağaç sayısı", "100", "10", "4"))])]
    hedefler, _ = _read_rows(rows)  # a report's table: the guide's reader takes it, 4 is this year's actual
    assert [[(p.actual, p.month) for p in g.periods] for g in hedefler[0].gostergeler] == [[(4.0, None)]]
    # the previous year's actual beside this year's target is the programme's
    rows[2] = _row(*[(t, *cols[i]) for i, t in enumerate(("Performans Göstergesi", "Hedefe Etkisi (%)",
                                                          "2025 Yılı Hedefi", "2024 Yılı Gerçekleşme"))])
    (h,), _ = _read_rows(rows)
    assert [(g.target, g.baseline, g.periods) for g in h.gostergeler] == [(10.0, 4.0, [])]


# ----------------------------------------------------------------------------------------------- quarter columns


def _report(i: int, months: int, g) -> object:
    from izlem_audit.model import Hedef

    title = f"2025 YILI {'YILLIK' if months == 12 else f'{months} AYLIK'} İZLEME RAPORU"
    r = Report(title=title, year=2025, hedefler=[Hedef("A1", "H1", amac_title="Amaç", hedef_title="Hedef",
                                                     gostergeler=[g])], layout="guide_standard")
    r.source.path, r.source.sha256 = f"r{months}.pdf", f"{i}" * 64
    return describe(i, f"r{months}.pdf", r)


def _q(name: str, unit: str, values: dict[int, float], reached: float | None = None):
    from izlem_audit.model import Period
    from tests.factories import gosterge, period

    g = gosterge(k=1, name=name, unit=unit, weight=100.0, target=1000.0, baseline=0.0,
                 periods=[period(m, v, v / 10) for m, v in sorted(values.items())])
    if reached is not None:
        g.reached = Period(12, reached, reached / 10)
    return g


def test_yearly_quarters_are_compared_by_what_they_hold():
    """A yearly report with quarter columns beside C: a running total's June column is the value at June (compared
    with the 6-month report, a one-point difference caught); a 'yıl içinde' count's columns are each quarter's own
    figure, no month's value (not compared), and its C is what it reached (a running total falling is caught)."""
    def run(six, twelve):
        return [(f.rule, f.period) for f in run_compare([_report(1, 6, six), _report(2, 12, twelve)]).findings]

    total = "Asfaltlanan yol uzunluğu (km)"
    assert run(_q(total, "km", {6: 132.0}), _q(total, "km", {3: 124, 6: 132, 9: 141, 12: 149}, 149.0)) == []
    assert run(_q(total, "km", {6: 132.0}), _q(total, "km", {3: 124, 6: 131, 9: 141, 12: 149}, 149.0)) == [
        ("IZ707", 6)]
    flow = "Yıl içinde düzenlenen etkinlik sayısı (adet)"
    # six months: 50 so far; the yearly report's quarters 20 + 30 + 25 + 25 = C 100: consistent, silent
    assert run(_q(flow, "adet", {6: 50.0}), _q(flow, "adet", {3: 20, 6: 30, 9: 25, 12: 25}, 100.0)) == []
    # C below what the 6-month report printed: the running total fell
    assert run(_q(flow, "adet", {6: 50.0}), _q(flow, "adet", {3: 20, 6: 29, 9: 0, 12: 0}, 49.0)) == [("IZ706", 12)]


def test_detection_takes_the_programme_tables_only():
    from izlem_audit.assembling.columns import Column
    from izlem_audit.assembling.layouts.programme import Programme

    def score(kind, *labels):
        return Programme().detect(kind, [Column(i * 10.0, i * 10.0 + 9, None, t) for i, t in enumerate(labels)]).score

    assert score("gosterge", "Performans Göstergesi", "Ölçü Birimi", "Hedefe Etkisi (%)", "2025 Yılı Hedefi") == 1.0
    assert score("gosterge", "Performans Göstergesi", "Hedefe Etkisi (%)", "2024 Yılı Gerçekleşme Tahmini",
                 "2025 Yılı Hedefi") == 1.0
    assert score("gosterge", "Performans Göstergesi", "Hedefe Etkisi (%)", "2025 Yılı Hedefi",
                 "2025 Yılı Gerçekleşme") == 0.0  # this year's actual: a report's table
    assert score("gosterge", "Gösterge Adı", "Hedef Etkisi %", "Hedef", "Ay", "Gerçekleşme") == 0.0
    assert score("faaliyet", "Faaliyetler", "Bütçe (TL)", "Bütçe Dışı (TL)", "Toplam (TL)") == 1.0
    assert score("faaliyet", "Faaliyet Kodu", "Faaliyet Adı", "Bütçe (TL)", "Gerçekleşme (TL)") == 0.0
    assert score("faaliyet", "Faaliyet Kodu", "Faaliyet Adı", "Bütçe (TL)", "Harcanan (TL)") == 0.0


def test_side_by_side_says_a_report_has_no_faaliyet_table():
    """The programme's faaliyetler beside a guide-layout report (no faaliyet table): an empty cell, not an absence
    marked in red; beside a report that prints faaliyet tables and lacks one: the red dash."""
    from izlem_audit.comparing.output import side_by_side

    out, _ = _compare("p-g-clean", "reportlab")
    _, _, rows = side_by_side(out, "tr")
    f = [r for r in rows if r.kind == "faaliyet"]
    assert f and all(c.text == "" for r in f for per in r.per_doc for c in per)
    assert {m for r in f for m in r.matched} == {"faaliyet tablosu yok"}
    prog, m6 = document_path("karacam-m-program", "reportlab"), document_path("karacam-m-6", "reportlab")
    r6 = copy.deepcopy(_read(m6))
    del r6.hedefler[0].faaliyetler[1]
    out = run_compare([describe(1, str(prog), copy.deepcopy(_read(prog))), describe(2, str(m6), r6)])
    _, _, rows = side_by_side(out, "tr")
    (gone,) = [r for r in rows if r.kind == "faaliyet" and r.code == "F2" and r.matched == ["yok"]]
    assert gone.per_doc[0][0].text == "—" and gone.per_doc[0][0].flagged
