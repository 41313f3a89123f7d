"""The header vocabulary: one table of meanings, shown in docs/header-vocabulary.md, matched by meaning."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from izlem_audit.normalising.headers import (FAALIYET_COLUMNS, GOSTERGE_COLUMNS, VOCABULARY,
                                             match_column, match_period, vocabulary_markdown)

ROOT = Path(__file__).resolve().parents[1]


def test_docs_show_the_table():
    doc = (ROOT / "docs" / "header-vocabulary.md").read_text(encoding="utf-8")
    assert doc == vocabulary_markdown(), "regenerate: python -m izlem_audit.normalising.headers > docs/header-vocabulary.md"
    for m in VOCABULARY:  # every spelling is in the doc
        for s in m.spellings:
            assert s in doc


@pytest.mark.parametrize("kind,columns", [("gosterge", GOSTERGE_COLUMNS), ("faaliyet", FAALIYET_COLUMNS)])
def test_every_spelling_names_its_own_field(kind, columns):
    """No spelling in the table is read as another field (two rows of the table that collide)."""
    for m in VOCABULARY:
        if m.kind != kind:
            continue
        for s in m.spellings:
            label = s.replace("YYYY", "2025")
            assert match_column(label, columns)[0] == m.field, (label, match_column(label, columns))


def test_period_spellings_read_as_their_month():
    # the period vocabulary (normalising/periods.py) reads every listed spelling as the month its row names
    wrong = [(m.field, s, match_period(s)) for m in VOCABULARY if m.kind == "period" for s in m.spellings
             if match_period(s) != int(m.field[1:])]
    assert wrong == []
    # and no field's label is read as a period column
    assert [s for m in VOCABULARY if m.kind != "period" for s in m.spellings if match_period(s) is not None] == []


@pytest.mark.parametrize("label,field", [
    # the variants the issue names
    ("Hedeflenen", "target"), ("Hedef", "target"), ("2025 Yılı Hedefi", "target"), ("2024 Yılı Hedefi", "target"),
    ("Gerçekleşme", "actual"), ("Gerçekleşen", "actual"), ("Sonuç", "actual"), ("Gerçekleşme Değeri (C)", "actual"),
    ("Hedefe Etkisi", "weight"), ("Ağırlık", "weight"), ("AĞIRLIK (%)", "weight"),
    ("Dönem", "month"), ("Ay", "month"), ("İzleme Dönemi", "month"),
    # kept apart
    ("Hedef Etkisi", "weight"), ("Gerçekleşme Oranı", "rate"), ("2024", None), ("Sorumlu Birim", None),
    ("Sapma Durumu", None),
])
def test_gosterge_labels_by_meaning(label, field):
    assert match_column(label, GOSTERGE_COLUMNS)[0] == field


@pytest.mark.parametrize("label,months", [
    ("3 Ay", 3), ("3 Aylık", 3), ("I. Dönem", 3), ("Ocak-Mart", 3), ("OCAK - MART", 3), ("1. Çeyrek", 3),
    ("6 Aylık", 6), ("II. Dönem", 6), ("Nisan-Haziran", 6), ("Ocak-Haziran", 6),
    ("9 Aylık", 9), ("III. Dönem", 9), ("Temmuz-Eylül", 9),
    ("12 Aylık", 12), ("IV. Dönem", 12), ("Ekim-Aralık", 12), ("Yıl Sonu", 12),
    ("Dönem", None), ("Gerçekleşme", None), ("5 Aylık", None),
])
def test_period_labels(label, months):
    assert match_period(label) == months


VARIANTS = [
    ("Gösterge", "Ağırlık", "Başlangıç Değeri", "2025 Yılı Hedefi", "Sonuç", "Performans"),
    ("Performans Göstergeleri", "Ağırlık (%)", "Plan Dönemi Başlangıç Değeri", "Hedeflenen", "Gerçekleşen",
     "Gerçekleşme Oranı (%)"),
]


@pytest.mark.parametrize("variant", range(len(VARIANTS)))
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_guide_table_with_other_header_words_reads_the_same(tmp_path, variant, kind):
    """The guide-layout fixture with its long column titles replaced by common variants is read cell for cell
    as its truth (a draft, so no PDF renderer is needed to change the words)."""
    import json

    from fixtures.build.render_docx import build_docx
    from fixtures.build.render_xlsx import build_xlsx
    from izlem_audit.extract import extract_draft
    from test_extraction import compare

    raw = json.loads((ROOT / "fixtures" / "raw" / "rehber-2025-6.json").read_text(encoding="utf-8"))
    truth = json.loads((ROOT / "fixtures" / "truth" / "rehber-2025-6.json").read_text(encoding="utf-8"))
    replaced = 0
    for el in raw["elements"]:
        for row in el.get("rows", []):
            if row[0] and row[0]["text"] == "Performans Göstergesi":
                for cell, text in zip(row, VARIANTS[variant]):
                    cell["text"] = text
                replaced += 1
    assert replaced == 7
    path = tmp_path / f"taslak.{kind}"
    (build_docx if kind == "docx" else build_xlsx)(raw, path)
    diffs: list[str] = []
    n = compare(truth, extract_draft(path, kind).to_dict(evidence=False), "report", diffs)
    assert not diffs, f"{len(diffs)} of {n} differ:\n" + "\n".join(diffs[:20])
    assert n > 300
