"""The ground truth of the Çiğli fixture (fixtures/build/truth.py) against figures checked by hand in the
reference text, and the fixture build's determinism.

The truth is what the municipality printed, not what it declared: the report says 203 gösterge and 294
faaliyet, its tables hold 206 and 280.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from fixtures.build.truth import truth_from_raw
from izlem_audit.model import Report

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "fixtures" / "raw" / "cigli-2024-6.json"
TRUTH = ROOT / "fixtures" / "truth" / "cigli-2024-6.json"


def _reference_available() -> bool:
    from fixtures.build.reference import reference_path

    try:
        return reference_path().exists()
    except FileNotFoundError:
        return False


needs_reference = pytest.mark.skipif(not _reference_available(), reason="reference text not found "
                                     "(../shared/reference/ or IZLEM_REFERENCE)")


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(RAW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def truth(raw) -> dict:
    return truth_from_raw(raw)


def block(truth: dict, amac: str, hedef: str, ph: str | None = None) -> dict:
    return next(h for h in truth["hedefler"]
                if (h["amac"], h["hedef"], h["performans_hedefi"]) == (amac, hedef, ph))


def gosterge(truth: dict, amac: str, hedef: str, code: str, ph: str | None = None) -> dict:
    return next(g for g in block(truth, amac, hedef, ph)["gostergeler"] if g["code"] == code)


def periods(g: dict) -> list[tuple]:
    return [(p["month"], p["actual"], p["reported_rate"]) for p in g["periods"]]


# ----------------------------------------------------------------------------------------------- counts


def test_counts(truth):
    assert truth["layout"] == "monthly_rows" and truth["year"] == 2024
    assert len(truth["hedefler"]) == 31
    assert truth["counts"] == {"amac": 5, "hedef": 29, "performans_hedefi": 4, "gosterge": 206, "faaliyet": 280}
    assert [h["performans_hedefi"] for h in truth["hedefler"] if h["performans_hedefi"]] == ["PH1", "PH2"] * 2
    assert all(len(g["periods"]) == 2 for h in truth["hedefler"] for g in h["gostergeler"])


@needs_reference
def test_counts_match_the_reference_text(truth):
    """Counted independently of the parser: lines whose second cell is a PG / F code."""
    from fixtures.build.reference import reference_path

    rows = [ln.split("\t") for ln in reference_path().read_text(encoding="utf-8").splitlines() if "\t" in ln]
    assert sum(1 for r in rows if re.fullmatch(r"\s*PG\d+\s*", r[1])) == truth["counts"]["gosterge"]
    assert sum(1 for r in rows if re.fullmatch(r"\s*F\d+\s*", r[1])) == truth["counts"]["faaliyet"]
    assert sum(1 for r in rows if r[0].startswith("Amaç (A")) == len(truth["hedefler"])


# ----------------------------------------------------------------------------------------------- hedef blocks


def test_a1_h1(truth):
    h = block(truth, "A1", "H1")
    assert h["printed_codes"] == {"amac": "A1", "hedef": "H1"}
    assert h["sorumlu_birim"] == "Basın Yayın Ve Halkla İlişkiler Müdürlüğü"
    assert h["reported_performance"] == 61.21
    g = gosterge(truth, "A1", "H1", "PG1")
    assert (g["seq"], g["printed_code"], g["unit"], g["unit_known"]) == ("1", "PG1", "adet", True)
    assert g["name"] == "Vatandaş İlişkileri Yönetim Sistemine alınan kayıt sayısı (adet)"
    assert (g["weight"], g["baseline"], g["target"]) == (40.0, None, 50000.0)
    assert periods(g) == [(3, 6475.0, 12.95), (6, 18017.0, 36.03)]
    assert g["periods"][1]["note"].endswith("ile yüz yüze yapılan kayıtlar.")


def test_a1_h3_pg5_large_target(truth):
    g = gosterge(truth, "A1", "H3", "PG5")
    assert g["target"] == 39400000.0
    assert periods(g)[0] == (3, 8279522.0, 21.01)


def test_two_months_in_one_cell(truth):
    """A2 H4: "3 6" / "50,00 250,00" cells give two periods, each with the row's whole açıklama."""
    g = gosterge(truth, "A2", "H4", "PG2")
    assert g["unit"] == "m²" and g["target"] == 4500.0
    assert periods(g) == [(3, 50.0, 1.11), (6, 250.0, 5.56)]
    assert g["periods"][0]["note"] == g["periods"][1]["note"]
    assert g["periods"][0]["note"].startswith("belediye binası tören alanı")
    assert periods(gosterge(truth, "A4", "H7", "PG2")) == [(3, 1.0, 50.0), (6, 1.0, 50.0)]


def test_rate_in_the_aciklama_column(truth):
    """A4 H2 month 6: the rate stands in the Açıklama column; read as the rate, note empty, issue recorded."""
    for g in block(truth, "A4", "H2")["gostergeler"]:
        p6 = g["periods"][1]
        assert (p6["month"], p6["actual"], p6["reported_rate"], p6["note"]) == (6, 0.0, 0.0, "")
        assert g["periods"][0]["note"].startswith("1-")


def test_empty_rate_is_none(truth):
    """A4 H8 month 6: the rate cell is empty and nothing stands beside it: None, no issue."""
    h = block(truth, "A4", "H8")
    assert [g["periods"][1]["reported_rate"] for g in h["gostergeler"]] == [None] * 5
    assert [g["periods"][1]["actual"] for g in h["gostergeler"]] == [1.0, 0.0, 1.0, 1.0, 1.0]
    assert not any(i["hedef"] == "H8" and i["amac"] == "A4" for i in truth["issues"])


def test_header_lacking_a_column(truth):
    """A5 H5: values read by position after the Ay column."""
    g = gosterge(truth, "A5", "H5", "PG1")
    assert (g["weight"], g["target"]) == (10.0, 3.0)
    assert periods(g) == [(3, 0.0, 0.0), (6, 0.0, 0.0)]
    assert g["periods"][0]["note"] == "İlk üç ayda herhangi bir çalışma gerçekleştirilmemiştir."
    assert gosterge(truth, "A5", "H5", "PG9")["target"] == 20.0


def test_structure_issues(truth):
    issues = truth["issues"]
    wrong = [i for i in issues if i["kind"] == "value_in_wrong_column"]
    assert [(i["amac"], i["hedef"], i["item"], i["period"]) for i in wrong] == \
        [("A4", "H2", f"PG{k}", 6) for k in range(1, 8)]
    assert all(i["detail"] == {"field": "reported_rate", "column": "aciklama"} for i in wrong)
    missing = [i for i in issues if i["kind"] == "header_missing_column"]
    assert missing == [{"kind": "header_missing_column", "amac": "A5", "hedef": "H5", "performans_hedefi": None,
                        "item": None, "period": None, "detail": {"missing": "gerceklesme"}}]
    assert len(issues) == 8 and issues[-1] == missing[0]  # document order


def test_faaliyet_tables_that_skip_rows(truth):
    assert [f["code"] for f in block(truth, "A4", "H7")["faaliyetler"]] == \
        ["F2", "F3", "F4", "F5", "F6", "F7", "F9", "F10"]
    f = block(truth, "A5", "H5")["faaliyetler"][0]
    assert (f["code"], f["seq"], f["budget"], f["spent"], f["reported_rate"], f["note"]) == \
        ("F2", "2", 75000.0, 0.0, 0.0, "")
    f = block(truth, "A1", "H3")["faaliyetler"][0]
    assert (f["budget"], f["spent"], f["reported_rate"]) == (2500000.0, 379200.0, 15.17)


def test_performans_hedefi_blocks(truth):
    ph = block(truth, "A3", "H1", "PH1")
    assert ph["printed_codes"] == {"amac": "A3", "hedef": "H1", "performans_hedefi": "PH1"}
    assert ph["performans_hedefi_title"].startswith("Vatandaşların Beklentisini")
    assert block(truth, "A4", "H3", "PH2")["reported_performance"] == 52.10


# ----------------------------------------------------------------------------------------------- summary


def test_summary(truth):
    s = truth["summary"]
    assert [a["amac"] for a in s["amaclar"]] == ["A1", "A2", "A3", "A4", "A5"]
    assert [a["reported_rate"] for a in s["amaclar"]] == [42.0, 27.0, 41.0, 33.0, 25.0]
    assert [len(a["hedefler"]) for a in s["amaclar"]] == [6, 5, 3, 9, 6]
    a1 = s["amaclar"][0]
    assert a1["title"].startswith("Çiğli için hizmet kalitesi yüksek")
    assert a1["counts"] == {"hedef": 6, "gosterge": 40, "faaliyet": 46, "reported_rate": 42.0}
    assert (a1["hedefler"][0]["hedef"], a1["hedefler"][0]["reported_performance"]) == ("H1", 61.0)
    assert a1["hedefler"][0]["sorumlu_birim"] == "Basın Yayın ve Halkla İlişkiler Müdürlüğü"
    a3h1 = s["amaclar"][2]["hedefler"][0]
    assert a3h1["reported_performance"] == 46.0
    assert [(p["performans_hedefi"], p["reported_performance"], p["weight"]) for p in a3h1["performans_hedefleri"]] \
        == [("PH1", 49.0, 50.0), ("PH2", 43.0, 50.0)]
    assert a3h1["performans_hedefleri"][1]["sorumlu_birim"] == "Kentsel Tasarım Müdürlüğü"
    a4h3 = s["amaclar"][3]["hedefler"][2]
    assert [(p["reported_performance"], p["weight"]) for p in a4h3["performans_hedefleri"]] == [(52.0, 50.0), (71.0, 50.0)]
    h7 = s["amaclar"][3]["hedefler"][6]  # printed "HEDEF 7 : ..."
    assert (h7["hedef"], h7["title"], h7["reported_performance"]) == \
        ("H7", "İklim Değişikliği ile mücadele ve eylem planının oluşturulması", 33.0)
    assert s["amaclar"][4]["hedefler"][1]["title"].startswith("Sosyo ekonomik durumu")  # "HEDEF 2:Sosyo"
    assert sum(a["counts"]["gosterge"] for a in s["amaclar"]) == 203
    assert s["overall_rate"] == 34.0
    assert s["declared_totals"] == {"amac": 5, "hedef": 29, "gosterge": 203, "faaliyet": 294}


def test_summary_regexes_tolerate_spacing(raw):
    """"HEDEF 3 :", "Hedefe Etkisi: %50", "5 amaç , 29 hedef, 203 gösterge, 294 faaliyet" read as well."""
    doc = copy.deepcopy(raw)
    for el in doc["elements"]:
        if el.get("role") == "summary_hedef":
            for row in el["rows"][1:]:
                row[0]["text"] = re.sub(r"^HEDEF (\d+):", r"HEDEF  \1 :", row[0]["text"])
                row[2]["text"] = row[2]["text"].replace("(Hedefe Etkisi : 50%)", "(Hedefe Etkisi: %50)")
        elif el["type"] == "paragraph":
            el["text"] = el["text"].replace("5 amaç, 29 hedef . 203 gösterge ve 294 faaliyet",
                                            "5 amaç , 29 hedef, 203 gösterge, 294 faaliyet")
    assert truth_from_raw(doc)["summary"] == truth_from_raw(raw)["summary"]


# ----------------------------------------------------------------------------------------------- build


def test_truth_is_deterministic_and_committed(raw, truth):
    assert truth_from_raw(copy.deepcopy(raw)) == truth
    assert json.loads(TRUTH.read_text(encoding="utf-8")) == truth
    assert Report.from_dict(truth).to_dict(evidence=False) == truth


@needs_reference
def test_raw_document_is_deterministic_and_committed(raw):
    from fixtures.build.reference import build

    assert build() == build() == raw


@needs_reference
def test_nothing_of_the_reference_text_is_lost(raw):
    """Every word of the reference text is in the raw document, in order (cells row by row)."""
    from fixtures.build.reference import reference_path

    text_words = reference_path().read_text(encoding="utf-8").split()
    raw_words: list[str] = []
    for el in raw["elements"]:
        if el["type"] in ("heading", "paragraph"):
            raw_words += el["text"].split()
        elif el["type"] == "table":
            raw_words += [w for row in el["rows"] for c in row if c for w in c["text"].split()]
    assert raw_words == text_words


def test_gosterge_grid_shape(raw):
    """Every grid row has one entry per column; spans cover exactly the null positions."""
    for el in (e for e in raw["elements"] if e["type"] == "table"):
        n = len(el["col_widths"])
        covered: set[tuple[int, int]] = set()
        for i, row in enumerate(el["rows"]):
            assert len(row) == n
            for j, c in enumerate(row):
                if c is None:
                    continue
                for di in range(c.get("rowspan", 1)):
                    for dj in range(c.get("colspan", 1)):
                        if di or dj:
                            covered.add((i + di, j + dj))
        nulls = {(i, j) for i, row in enumerate(el["rows"]) for j, c in enumerate(row) if c is None}
        assert nulls == covered, el["role"]


def test_truth_builder_is_independent_of_the_package():
    """Ground truth must not come from the code under test: building every truth imports nothing of izlem_audit."""
    from helpers import run_apart

    modules, _ = run_apart("from fixtures.build.truth import truth_from_raw\n"
                           "from fixtures.build.rehber import build\n"
                           "truth_from_raw(json.load(open('fixtures/raw/cigli-2024-6.json', encoding='utf-8'))); build()")
    assert modules == []


def test_guide_truth_is_committed_and_has_the_model_shape():
    from fixtures.build.rehber import build

    raw_doc, truth = build()
    assert json.loads((ROOT / "fixtures" / "truth" / "rehber-2025-6.json").read_text(encoding="utf-8")) == truth
    assert json.loads((ROOT / "fixtures" / "raw" / "rehber-2025-6.json").read_text(encoding="utf-8")) == raw_doc
    assert Report.from_dict(truth).to_dict(evidence=False) == truth


@pytest.mark.parametrize("text,value", [("39.400.000,00", 39400000.0), ("61%", 61.0), ("%34", 34.0),
                                        ("12,95", 12.95), ("0", 0.0), ("", None), ("-", None)])
def test_truth_numbers(text, value):
    from fixtures.build.truthlib import number

    assert number(text) == value


def test_truth_numbers_refuse_what_they_cannot_read():
    from fixtures.build.truthlib import number

    with pytest.raises(ValueError):
        number("12.5.3")
