"""Units from the parentheses at the end of a gösterge name, and Turkish-aware folding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izlem_audit.normalising.headers import GOSTERGE_COLUMNS, FAALIYET_COLUMNS, match_column
from izlem_audit.normalising.text import ascii_fold, tr_lower, tr_upper
from izlem_audit.normalising.units import CANONICAL_UNITS, normalise_unit, split_unit


@pytest.mark.parametrize("name,unit", [
    ("Yapılan anket sayısı (adet)", "adet"),
    ("Düzenlenen etkinlik (Sayı)", "sayı"),
    ("Düzenlenen etkinlik (sayı)", "sayı"),
    ("Çiçek dikim alanı (m ²)", "m²"),
    ("Toplam yeşil alan (m²)", "m²"),
    ("Hasta (Kişi)", "kişi"),
    ("Toplanan atık (ton)", "ton"),
    ("Ekim alanı (daa)", "daa"),
    ("Kurulu güç (MW)", "MW"),
    ("Seans (Saat)", "saat"),
    ("İş kazası gün sayısı (gün)", "gün"),
    ("Karşılama oranı (%)", "%"),
    ("Eğitim (panel, seminer, çalıştay, vb.) (adet)", "adet"),
])
def test_known_units(name, unit):
    base, u = split_unit(name)
    assert u.known and u.canonical == unit
    assert base == name[: name.rindex("(")].strip()


def test_unknown_unit_kept_and_marked():
    base, u = split_unit("Dağıtılan fidan (fidan)")
    assert (u.known, u.raw, u.name, base) == (False, "fidan", "fidan", "Dağıtılan fidan")


def test_no_unit_and_words_in_parentheses():
    assert split_unit("Yapılan toplantılar")[1].canonical is None
    name, u = split_unit("Eğitimler (panel, seminer, çalıştay, vb.)")
    assert u.canonical is None and u.known and name.endswith("vb.)")


@given(st.sampled_from(sorted(CANONICAL_UNITS)), st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
       st.sampled_from(["", " "]))
def test_spelling_variants_map_to_the_same_unit(unit, case, pad):
    variant = pad + (tr_upper(unit) if case is str.upper else case(unit)) + pad
    assert normalise_unit(variant).canonical == unit


@given(st.text(max_size=40))
def test_split_unit_never_raises(text):
    name, unit = split_unit(text)
    assert isinstance(name, str)
    assert unit.known or unit.raw


def test_turkish_case_folding():
    assert tr_lower("İSTANBUL IĞDIR") == "istanbul ığdır"
    assert tr_upper("istanbul ığdır") == "İSTANBUL IĞDIR"
    assert ascii_fold("Gösterge Adı ŞİRİNTEPE") == "gosterge adi sirintepe"


@pytest.mark.parametrize("label,field", [
    ("Hedef Etkisi", "weight"), ("Hedef Etkisi %", "weight"), ("Hedefe Etkisi (%)", "weight"),
    ("Hedef", "target"), ("Gerçekleşme", "actual"), ("Gerçekleşme Oranı %", "rate"),
    ("Plan Dönemi Başlangıç Değeri* (A)", "baseline"), ("İzleme Dönemindeki Yılsonu Hedeflenen Değer(B)", "target"),
    ("İzleme Dönemindeki Gerçekleşme Değeri (C)", "actual"), ("Performans (%) (C-A)/(B-A)", "rate"),
    ("Göste rge Kodu", "code"), ("A y", "month"), ("Açıklama", "note"), ("2024", None),
])
def test_header_labels(label, field):
    assert match_column(label, GOSTERGE_COLUMNS)[0] == field


def test_faaliyet_header_labels():
    assert match_column("Hedef (TL)", FAALIYET_COLUMNS)[0] == "budget"
    assert match_column("Gerçekleşme (TL)", FAALIYET_COLUMNS)[0] == "spent"
