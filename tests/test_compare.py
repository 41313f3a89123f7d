"""``izlem-audit compare``: the planted sets give exactly what was planted (truth from the generator,
fixtures/build/compare.py), on both producers; controls stay silent; each IZ7xx rule passes a consistent pair
and catches a one-point difference; mixed or single documents exit 2 with one line; the compare@1 contract."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from fixtures.build.compare import OUT, PRODUCERS, SETS, set_documents
from izlem_audit.pipeline import read_report
from izlem_audit.comparing.documents import check_set, describe
from izlem_audit.comparing.engine import run_compare
from izlem_audit.comparing.rules import running_total, trivial_difference
from izlem_audit.errors import UserError
from izlem_audit.model import Faaliyet, Hedef, Report
from izlem_audit.rules.engine import run_rules
from tests.factories import gosterge, period

ROOT = Path(__file__).resolve().parents[1]
PLANTED = json.loads((OUT / "planted.json").read_text(encoding="utf-8"))
NAMED = ("IZ704", "IZ705", "IZ708", "IZ709")  # rules whose field says what kind of item / title


@lru_cache(maxsize=None)
def _read(path: Path) -> Report:
    return read_report(path, "pdfium", None, "tr", True)


def _compare(name: str, producer: str):
    a, b = set_documents(name, producer)
    return run_compare([describe(1, str(a), copy.deepcopy(_read(a))), describe(2, str(b), copy.deepcopy(_read(b)))])


def _key(f) -> list:
    return [f.rule, f.amac, f.hedef or None, f.item, f.period, f.field if f.rule in NAMED else None]


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("name", sorted(SETS))
def test_set_gives_exactly_what_was_planted(name, producer):
    out = _compare(name, producer)
    assert sorted(_key(f) for f in out.findings) == sorted(PLANTED[name])
    a, b = set_documents(name, producer)
    for f in out.findings:
        assert f.params["documents"] == [str(a), str(b)]  # each finding names the two documents, earlier first
        assert str(a) in f.message and str(b) in f.message


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("name", ["m-clean", "g-clean", "m-controls", "g-level"])
def test_clean_set_and_controls_raise_no_error_or_warning(name, producer):
    out = _compare(name, producer)
    assert [f.id for f in out.findings if f.severity in ("error", "warning")] == []


def test_planted_sets_cover_every_category():
    from izlem_audit.comparing.rules import COMPARE_RULES

    planted_rules = {p[0] for v in PLANTED.values() for p in v}
    assert planted_rules == set(COMPARE_RULES)


@pytest.mark.parametrize("producer", PRODUCERS)
def test_each_report_is_consistent_on_its_own(producer):
    seen = set()
    for name in SETS:
        for path in set_documents(name, producer):
            if path in seen:
                continue
            seen.add(path)
            bad = [(f.rule, f.location) for f in run_rules(_read(path))[0] if f.severity in ("error", "warning")]
            assert bad == [], path.name


def test_same_report_from_two_producers_is_silent():
    a, _ = set_documents("m-clean", "reportlab")
    b, _ = set_documents("m-clean", "chromium")
    out = run_compare([describe(1, str(a), _read(a)), describe(2, str(b), _read(b))])
    assert out.findings == []


def test_documents_say_what_they_are():
    a, b = set_documents("m-clean", "reportlab")
    d6, d9 = describe(1, str(a), _read(a)), describe(2, str(b), _read(b))
    assert (d6.kind, d6.year, d6.months, d6.months_from, d6.municipality) == (
        "monitoring_report", 2025, 6, "title", "Karaçam Belediyesi")
    assert (d9.months, d9.months_from) == (9, "title")
    # given later first, the earliest is still the reference
    out = run_compare([d9, d6])
    assert [d.months for d in out.documents] == [6, 9]
    # the document line a council member reads names the layout in words, not by its internal id
    from izlem_audit.comparing.output import doc_line

    tr, en = doc_line(d6, "tr", True), doc_line(d6, "en", True)
    assert d6.report.layout not in tr and d6.report.layout not in en
    assert "izleme raporu" in tr and "6 ay (başlıktan)" in tr and "tablo" in tr.lower()
    assert "monitoring report" in en and "table" in en.lower()


def test_alignment_by_title_finds_a_renumbered_item():
    a, b = set_documents("m-clean", "reportlab")
    r6, r9 = copy.deepcopy(_read(a)), copy.deepcopy(_read(b))
    h = r9.hedefler[0]
    h.gostergeler.reverse()  # PG1 and PG2 swap numbers in the 9-month report
    h.gostergeler[0].code, h.gostergeler[1].code = "PG1", "PG2"
    out = run_compare([describe(1, str(a), r6), describe(2, str(b), r9)])
    rows = [r for r in out.alignment.items if r.parent is out.alignment.hedefler[0] and r.kind == "gosterge"]
    hows = [(r.code, r.placed[2].how, r.placed[2].item.code) for r in rows]
    assert hows == [("PG1", "title", "PG2"), ("PG2", "title", "PG1")]
    assert out.findings == []  # same göstergeler, same figures: nothing lost, nothing to report


# ----------------------------------------------------------------------------------------------- rules, unit


def _doc(i: int, months: int, gostergeler=None, faaliyetler=None, **hedef_kw) -> object:
    g = gostergeler if gostergeler is not None else []
    h = Hedef("A1", "H1", amac_title=hedef_kw.pop("amac_title", "Amaç"), hedef_title=hedef_kw.pop("title", "Hedef başlığı"),
              gostergeler=g, faaliyetler=faaliyetler or [], **hedef_kw)
    r = Report(title=f"2025 YILI {months} AYLIK İZLEME RAPORU", year=2025, hedefler=[h], layout="guide_standard")
    r.source.path, r.source.sha256 = f"r{months}.pdf", f"{i}" * 64
    return describe(i, f"r{months}.pdf", r)


def _run(a, b):
    return [(f.rule, f.severity) for f in run_compare([a, b]).findings]


def _g(**kw):
    base = dict(k=1, weight=50.0, target=100.0, periods=[period(6, 40.0, 40.0)], unit="adet", baseline=10.0,
                name="Dikilen ağaç sayısı (adet)")
    base.update(kw)
    return gosterge(**base)


@pytest.mark.parametrize("field, rule", [("target", "IZ701"), ("weight", "IZ702"), ("baseline", "IZ703")])
def test_number_rules_pass_equal_and_catch_one_point(field, rule):
    same = _run(_doc(1, 6, [_g()]), _doc(2, 9, [_g(periods=[period(9, 60.0, 60.0)])]))
    assert same == []
    base = {"target": 100.0, "weight": 50.0, "baseline": 10.0}[field]
    moved = _run(_doc(1, 6, [_g()]), _doc(2, 9, [_g(periods=[period(9, 60.0, 60.0)], **{field: base + 1})]))
    assert moved == [(rule, "error")]


def test_missing_and_added_gosterge():
    two = [_g(), _g(k=2, name="Yenilenen park alanı (m²)", unit="m²")]
    assert _run(_doc(1, 6, two), _doc(2, 9, copy.deepcopy(two))) == []
    assert _run(_doc(1, 6, two), _doc(2, 9, [_g()])) == [("IZ704", "error")]
    assert _run(_doc(1, 6, [_g()]), _doc(2, 9, two)) == [("IZ705", "warning")]


def test_cumulative_falls_only_for_running_totals():
    ok = _run(_doc(1, 6, [_g()]), _doc(2, 9, [_g(periods=[period(9, 40.0, 40.0)])]))
    assert ok == []
    fell = _run(_doc(1, 6, [_g()]), _doc(2, 9, [_g(periods=[period(9, 39.0, 39.0)])]))
    assert fell == [("IZ706", "error")]
    for name, unit in (("Öz gelirlerin payı (%)", "%"), ("Ortalama yanıt süresi (gün)", "gün"),
                       ("Kişi başına düşen yeşil alan (m²)", "m²")):
        level = _run(_doc(1, 6, [_g(name=name, unit=unit)]),
                     _doc(2, 9, [_g(name=name, unit=unit, periods=[period(9, 30.0, 30.0)])]))
        assert level == [], name


def test_restated_value():
    a = _doc(1, 6, [_g(periods=[period(3, 20.0, 20.0), period(6, 40.0, 40.0)])])
    same = _doc(2, 9, [_g(periods=[period(3, 20.0, 20.0), period(6, 40.0, 40.0), period(9, 60.0, 60.0)])])
    assert _run(a, same) == []
    other = _doc(2, 9, [_g(periods=[period(3, 20.0, 20.0), period(6, 41.0, 41.0), period(9, 60.0, 60.0)])])
    out = run_compare([a, other]).findings
    assert [(f.rule, f.period) for f in out] == [("IZ707", 6)]


def test_titles_reworded_or_spelt_differently():
    assert _run(_doc(1, 6, [_g()]), _doc(2, 9, [_g()])) == []
    assert _run(_doc(1, 6, [_g()], title="Yeşil Alanların Artırılması"),
                _doc(2, 9, [_g()], title="Yeşil alanların  artırılması.")) == [("IZ709", "info")]
    assert _run(_doc(1, 6, [_g()], title="Yeşil Alanların Artırılması"),
                _doc(2, 9, [_g()], title="Yeşil Alanların Artırlması")) == [("IZ709", "info")]
    assert _run(_doc(1, 6, [_g()], title="Yeşil Alanların Artırılması"),
                _doc(2, 9, [_g()], title="Yeşil Alanların Korunması")) == [("IZ708", "warning")]


def _f(budget: float, note: str = "") -> Faaliyet:
    return Faaliyet("F1", "Ağaçlandırma kampanyası", budget=budget, spent=100.0, printed_code="F1", note=note)


def test_budget_changed_with_and_without_explanation():
    assert _run(_doc(1, 6, [_g()], [_f(1000.0)]), _doc(2, 9, [_g()], [_f(1000.0)])) == []
    assert _run(_doc(1, 6, [_g()], [_f(1000.0)]), _doc(2, 9, [_g()], [_f(1001.0)])) == [("IZ710", "warning")]
    assert _run(_doc(1, 6, [_g()], [_f(1000.0)]),
                _doc(2, 9, [_g()], [_f(1500.0, "500 TL aktarma yapılmıştır.")])) == [("IZ711", "info")]


def test_running_total_and_trivial_difference():
    assert running_total(_g())
    assert not running_total(_g(target=5.0, baseline=12.0))  # meant to decrease: a level
    assert trivial_difference("Mali Yönetim", "mali  yönetim.")
    assert not trivial_difference("Mali Yönetim", "Mali Denetim")


def test_mixed_sets_are_refused():
    with pytest.raises(UserError) as e:
        check_set([_doc(1, 6)])
    assert e.value.key == "compare_needs_two"
    a, b = _doc(1, 6), _doc(2, 9)
    b.year = 2024
    with pytest.raises(UserError) as e:
        check_set([a, b])
    assert e.value.key == "compare_other_year"


# ----------------------------------------------------------------------------------------------- the command


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from izlem_audit.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_cli_refuses_one_document_and_two_municipalities():
    a, _ = set_documents("m-clean", "reportlab")
    one = _cli("compare", str(a))
    assert one.returncode == 2 and one.stdout == "" and len(one.stderr.strip().splitlines()) == 1
    other = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf"
    for lang, word in (("tr", "farklı belediyelerin"), ("en", "different municipalities")):
        two = _cli("compare", str(a), str(other), "--lang", lang)
        assert two.returncode == 2 and "Traceback" not in two.stderr
        assert len(two.stderr.strip().splitlines()) == 1 and word in two.stderr


def test_cli_json_contract_exit_codes_and_suppression(tmp_path):
    a, b = set_documents("m-target", "reportlab")
    run = _cli("compare", str(b), str(a), "--format", "json", "--output", str(tmp_path / "c.json"), "-q")
    assert run.returncode == 1, run.stderr
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["schema"] == "izlem-audit/compare@1"
    assert [d["path"] for d in data["documents"]] == [str(b), str(a)]  # as given
    assert [(d["kind"], d["year"], d["months"]) for d in data["documents"]] == [
        ("monitoring_report", 2025, 9), ("monitoring_report", 2025, 6)]
    assert {"path", "sha256", "pages", "kind", "year", "months"} <= set(data["documents"][0])
    (f,) = data["findings"]
    assert {k: f[k] for k in ("rule", "category", "severity", "amac", "hedef", "performans_hedefi", "item",
                              "period", "documents")} == {
        "rule": "IZ701", "category": "target_changed", "severity": "error", "amac": "A1", "hedef": "H1",
        "performans_hedefi": None, "item": "PG1", "period": None, "documents": [str(a), str(b)]}
    assert f["id"] == "IZ701-A1-H1-PG1-D2-D1" and f["message"]
    assert any(r["kind"] == "gosterge" and r["item"] == "PG1" for r in data["alignment"])
    cfg = tmp_path / "izlem-audit.toml"
    cfg.write_text('[[suppress]]\nid = "IZ701-A1-H1-PG1-D2-D1"\nreason = "Hedef meclis kararıyla düşürüldü."\n',
                   encoding="utf-8")
    quiet = _cli("compare", str(b), str(a), "--config", str(cfg), "-q")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    clean = _cli("compare", *map(str, set_documents("m-added", "reportlab")), "-q")
    assert clean.returncode == 0
    strict = _cli("compare", *map(str, set_documents("m-added", "reportlab")), "--fail-on", "warning", "-q")
    assert strict.returncode == 1 and "IZ705" in strict.stdout


def test_compare_rules_stay_out_of_check():
    a, _ = set_documents("m-clean", "reportlab")
    assert not [f for f in run_rules(_read(a))[0] if f.rule.startswith("IZ7")]


def test_html_and_workbook_outline_the_differing_cells(tmp_path):
    import re

    from openpyxl import load_workbook

    a, b = set_documents("m-restated", "reportlab")
    run = _cli("compare", str(a), str(b), "--format", "html,xlsx,md", "--output", str(tmp_path / "k"), "-q")
    assert run.returncode == 1, run.stderr
    html = (tmp_path / "k.html").read_text(encoding="utf-8")
    fid = "IZ707-A2-H1-PG1-6ay-D1-D2"
    outlined = re.findall(r"<td class='num diff' title='([^']*)'>([^<]*)</td>", html)
    assert outlined == [(fid, "700,00"), (fid, "690,00")]  # the June value in each report, and nothing else
    assert html.count("data:image/png;base64,") == 2  # the row cropped from each document
    assert f"{a} · s. 1" in html and f"{b} · s. 1" in html
    ws = load_workbook(tmp_path / "k.xlsx")["Yan yana"]
    red = [(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.border.left.color is not None
           and c.border.left.color.rgb.endswith("C0392B")]
    assert [v for _, v in red] == [700, 690]
    md = (tmp_path / "k.md").read_text(encoding="utf-8")
    assert fid in md


def test_clean_html_says_the_documents_agree(tmp_path):
    run = _cli("compare", *map(str, set_documents("g-clean", "chromium")), "--format", "html",
               "--output", str(tmp_path / "c.html"), "--lang", "en", "-q")
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "The documents agree with each other" in html and "class='num diff'" not in html


@pytest.mark.parametrize("name", ["m-restated", "m-budget", "g-cumulative", "m-controls"])
def test_drafts_give_what_was_planted(name, tmp_path):
    """The Word draft of the 6-month report against the Excel draft of the 9-month one (and a PDF)."""
    from fixtures.build.compare import build_sets
    from fixtures.build.render_docx import build_docx
    from fixtures.build.render_xlsx import build_xlsx

    raws, _ = build_sets()
    six = "karacam-m-6" if name.startswith("m-") else "karacam-g-6"
    build_docx(raws[six], tmp_path / "6.docx")
    build_xlsx(raws[f"karacam-{name}-9"], tmp_path / "9.xlsx")
    docs = [describe(1, str(tmp_path / "6.docx"), read_report(tmp_path / "6.docx", "pdfium", None, "tr", True)),
            describe(2, str(tmp_path / "9.xlsx"), read_report(tmp_path / "9.xlsx", "pdfium", None, "tr", True))]
    assert sorted(_key(f) for f in run_compare(docs).findings) == sorted(PLANTED[name])
    _, pdf9 = set_documents(name, "chromium")
    mixed = run_compare([docs[0], describe(2, str(pdf9), copy.deepcopy(_read(pdf9)))])
    assert sorted(_key(f) for f in mixed.findings) == sorted(PLANTED[name])


def test_three_documents_each_finding_names_its_two():
    six = _doc(1, 6, [_g(periods=[period(6, 40.0, 40.0)])])
    nine = _doc(2, 9, [_g(target=110.0, periods=[period(6, 40.0, 40.0), period(9, 60.0, 60.0)])])
    twelve = _doc(3, 12, [_g(target=110.0, periods=[period(6, 41.0, 41.0), period(9, 60.0, 60.0),
                                                    period(12, 80.0, 80.0)])])
    out = run_compare([twelve, six, nine])  # any order: the earliest is the reference
    got = sorted((f.rule, f.period, tuple(f.params["documents"]), f.id) for f in out.findings)
    assert got == [
        ("IZ701", None, ("r6.pdf", "r12.pdf"), "IZ701-A1-H1-PG1-D1-D3"),  # target moved: against the reference
        ("IZ701", None, ("r6.pdf", "r9.pdf"), "IZ701-A1-H1-PG1-D1-D2"),
        ("IZ707", 6, ("r9.pdf", "r12.pdf"), "IZ707-A1-H1-PG1-6ay-D2-D3"),  # June restated: consecutive reports
    ]


def test_console_says_what_was_matched_by_title():
    from io import StringIO

    from rich.console import Console

    from izlem_audit.comparing.output import render_console

    a = _doc(1, 6, [_g(), _g(k=2, name="Yenilenen park alanı (m²)", unit="m²")])
    b = _doc(2, 9, [_g(k=2), _g(k=1, name="Yenilenen park alanı (m²)", unit="m²")])
    buf = StringIO()
    render_console(run_compare([a, b]), Console(file=buf, width=200), "tr")
    text = buf.getvalue()
    assert "Başlıktan eşleşti: r6.pdf A1 H1 PG1 = r9.pdf PG2" in text
    assert "Başlıktan eşleşti: r6.pdf A1 H1 PG2 = r9.pdf PG1" in text


def test_bad_usage_is_one_line_and_nothing_is_written(tmp_path):
    a, b = set_documents("m-target", "reportlab")
    bad = _cli("compare", str(a), str(b), "--format", "pdf")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
    blocker = tmp_path / "dosya"
    blocker.write_text("x", encoding="utf-8")
    run = _cli("compare", str(a), str(b), "--format", "html,json", "--output", str(blocker / "k"), "-q")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dosya"]
    missing = _cli("compare", str(a), str(tmp_path / "yok.pdf"))
    assert missing.returncode == 2 and "yok.pdf" in missing.stderr


def test_a_reading_problem_is_never_an_inconsistency():
    from izlem_audit.model import StructureIssue

    a = _doc(1, 6, [_g()])
    b = _doc(2, 9, [_g(target=101.0, periods=[period(9, 60.0, 60.0)])])
    assert _run(a, b) == [("IZ701", "error")]
    b.report.issues.append(StructureIssue("unplaced_number", 2, amac="A1", hedef="H1", item="PG1"))
    (f,) = run_compare([a, b]).findings
    assert (f.rule, f.severity, f.not_checked) == ("IZ701", "info", 2)
    assert "Denetlenemedi: r9.pdf" in f.message
    from izlem_audit.comparing.output import finding_dict

    assert finding_dict(f)["not_checked"] == {"reading_problem_page": 2, "document": "r9.pdf"}


def test_help_in_both_languages():
    import re

    proc = _cli("compare", "--help")
    text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", proc.stdout).split())
    assert proc.returncode == 0
    assert "belgelerini karşılaştırır" in text and "Compares one municipality's documents" in text
    assert "Monitoring reports of one municipality and year" in text


def test_a_programme_read_as_such_is_the_reference():
    """A document titled as the performance programme with no period printed is the programme: it comes first
    and structure is compared with it (its reader is not built yet; the kind is told from the document)."""
    prog = _doc(3, 6, [_g(periods=[])])
    prog.report.title = "KARAÇAM BELEDİYESİ 2025 YILI PERFORMANS PROGRAMI"
    prog = describe(3, "program.pdf", prog.report)
    assert (prog.kind, prog.months) == ("programme", 0)
    six = _doc(1, 6, [_g(target=101.0)])
    out = run_compare([six, prog])
    assert [d.path for d in out.documents] == ["program.pdf", "r6.pdf"]
    assert [(f.rule, f.params["documents"]) for f in out.findings] == [("IZ701", ["program.pdf", "r6.pdf"])]
    from izlem_audit.comparing.output import compare_to_dict

    assert compare_to_dict(out, ["r6.pdf", "program.pdf"])["reference"]["why"] == "performance programme"
