"""Column headers by meaning: one vocabulary table, matched loosely.

``VOCABULARY`` is the one table of what a header label means: for each table kind (gösterge, faaliyet) and field,
the guide's long column titles and the variants municipalities print (``Hedefe Etkisi (%)`` / ``Ağırlık``,
``Hedeflenen`` / ``2025 Yılı Hedefi``, ``Gerçekleşme Değeri (C)`` / ``Sonuç``); and the labels of period columns
(``3 Aylık``, ``I. Dönem``, ``Ocak-Mart``) with the month each period ends in. ``docs/header-vocabulary.md`` is
generated from it (``python -m izlem_audit.normalising.headers``; a test keeps the two equal).

Field labels are folded (Turkish-aware, ASCII), a year is read as ``YYYY`` (``2025 Yılı Hedefi``), and compared
with rapidfuzz's ratio; the best label above ``THRESHOLD`` wins. Whole-string ratio (not token-set) keeps
``Hedef`` apart from ``Hedef Etkisi`` and ``Gerçekleşme`` apart from ``Gerçekleşme Oranı``. Period labels are read by
the period vocabulary (``normalising/periods.py``), never loosely (``3 Aylık`` and ``6 Aylık`` differ by one
character, which no fuzzy threshold can tell from a misprint).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .periods import period_end
from .text import fold

THRESHOLD = 80.0


@dataclass(frozen=True)
class Meaning:
    kind: str  # "gosterge", "faaliyet" or "period"
    field: str  # the model field (or, for a period, "m3", "m6", "m9", "m12": the month the period ends in)
    meaning: str  # what the column holds, for the docs
    spellings: tuple[str, ...]


_QUARTERS = {3: ("I", "1", "Ocak", "Mart"), 6: ("II", "2", "Nisan", "Haziran"), 9: ("III", "3", "Temmuz", "Eylül"),
             12: ("IV", "4", "Ekim", "Aralık")}


_ORDINAL_WORDS = {3: "Birinci", 6: "İkinci", 9: "Üçüncü", 12: "Dördüncü"}


def _period_spellings(months: int) -> tuple[str, ...]:
    roman, digit, first, last = _QUARTERS[months]
    word = _ORDINAL_WORDS[months]
    out = (f"{months} Ay", f"{months} Aylık", f"{roman}. Dönem", f"{digit}. Dönem", f"{roman}. Çeyrek",
           f"{digit}. Çeyrek", f"{first}-{last}", f"{word} Çeyrek", f"{word} Dönem", f"{roman}. Dönem ({first}-{last})",
           f"{digit}. Dönem ({first}-{last})", f"{digit}. Çeyrek ({first}-{last})", f"{first}-{last} Dönemi",
           f"{last} Sonu", f"{months} Aylık Gerçekleşme")
    if first != "Ocak":  # the cumulative span from the start of the year
        out += (f"Ocak-{last}",)
    return out + (("Yıl Sonu", "Yıllık") if months == 12 else ())


VOCABULARY: tuple[Meaning, ...] = (
    # --- gösterge tables (the reference's monthly rows and the guide's A/B/C table)
    Meaning("gosterge", "seq", "sıra numarası", ("Sıra No", "Sıra", "S.No", "No")),
    Meaning("gosterge", "code", "gösterge kodu", ("Gösterge Kodu", "Kod", "Gösterge No", "PG Kodu",
                                                  "Performans Göstergesi Kodu")),
    Meaning("gosterge", "name", "gösterge adı", ("Gösterge Adı", "Performans Göstergesi", "Performans Göstergeleri",
                                                 "Gösterge", "Gösterge Tanımı")),
    Meaning("gosterge", "weight", "hedefe etkisi (ağırlık, %)", (
        "Hedef Etkisi %", "Hedef Etkisi", "Hedefe Etkisi (%)", "Hedefe Etkisi", "Hedefe Etkisi %", "Etki (%)",
        "Ağırlık (%)", "Ağırlık", "Ağırlık %", "Göstergenin Hedefe Etkisi (%)")),
    Meaning("gosterge", "baseline", "plan dönemi başlangıç değeri (A)", (
        "Plan Dönemi Başlangıç Değeri (A)", "Plan Dönemi Başlangıç Değeri", "Başlangıç Değeri",
        "Başlangıç Değeri (A)")),
    Meaning("gosterge", "target", "yıl sonu hedefi (B)", (
        "Hedef", "İzleme Dönemindeki Yılsonu Hedeflenen Değer (B)", "Yılsonu Hedeflenen Değer", "Hedeflenen Değer",
        "Hedeflenen", "Yıl Sonu Hedefi", "Hedef Değer", "YYYY Yılı Hedefi", "YYYY Hedefi", "YYYY Yılı Hedef")),
    Meaning("gosterge", "month", "izleme dönemi (ay)", ("Ay", "Dönem", "İzleme Dönemi", "Ay/Dönem")),
    Meaning("gosterge", "actual", "gerçekleşme değeri (C)", (
        "Gerçekleşme", "İzleme Dönemindeki Gerçekleşme Değeri (C)", "Gerçekleşme Değeri", "Gerçekleşen",
        "Gerçekleşen Değer", "Sonuç", "Sonuç Değeri", "YYYY Yılı Gerçekleşme", "Yıl Sonu Gerçekleşme Değeri",
        "Yılsonu Gerçekleşme Değeri", "Yıl Sonu Gerçekleşme", "Yıl Sonu Değeri", "Yıllık Gerçekleşme",
        "Toplam Gerçekleşme", "Kümülatif Gerçekleşme", "Kümülatif Değer", "Kümülatif",
        "Yıl Başından İtibaren Gerçekleşme")),
    Meaning("gosterge", "period_value", "dönemin kendi gerçekleşmesi (kümülatif sütunun yanında)", (
        "Dönem Gerçekleşmesi", "Dönem Gerçekleşme", "Dönem Değeri", "Dönemsel Gerçekleşme",
        "Dönem İçi Gerçekleşme", "Dönem Gerçekleşen")),
    Meaning("gosterge", "rate", "gerçekleşme oranı / gösterge performansı (%)", (
        "Gerçekleşme Oranı %", "Gerçekleşme Oranı (%)", "Gerçekleşme Oranı", "Performans (%)",
        "Performans (%) (C-A)/(B-A)", "Performans", "Performans %")),
    Meaning("gosterge", "note", "açıklama", ("Açıklama", "Açıklamalar", "Açıklama / Değerlendirme")),
    # --- faaliyet tables
    Meaning("faaliyet", "seq", "sıra numarası", ("Sıra No", "Sıra", "S.No", "No")),
    Meaning("faaliyet", "code", "faaliyet kodu", ("Faaliyet Kodu", "Faaliyet No", "Kod")),
    Meaning("faaliyet", "name", "faaliyet / proje adı", ("Faaliyet / Proje Adı", "Faaliyet/Proje Adı",
                                                          "Faaliyet Adı", "Faaliyet / Proje", "Faaliyetler")),
    Meaning("faaliyet", "budget", "bütçe (TL)", ("Hedef (TL)", "Bütçe (TL)", "Ödenek (TL)", "Maliyet (TL)", "Hedef",
                                                 "Bütçe", "Ödenek", "Tahmini Maliyet (TL)")),
    Meaning("faaliyet", "spent", "harcama (TL)", ("Gerçekleşme (TL)", "Harcama (TL)", "Harcanan (TL)",
                                                  "Gerçekleşme", "Harcama", "Harcanan Tutar (TL)")),
    Meaning("faaliyet", "rate", "gerçekleşme oranı (%)", ("Gerçekleşme Oranı %", "Gerçekleşme Oranı (%)",
                                                          "Gerçekleşme Oranı")),
    Meaning("faaliyet", "note", "açıklama", ("Açıklama", "Açıklamalar")),
    # --- the activity report's (faaliyet raporu) per-müdürlük table: one row per gösterge, the year's result and
    #     the deviation's reason (layouts/deviation.py); a vocabulary of its own, so that "Sorumlu Birim" and
    #     "Sapma Durumu" never name a column of the monitoring reports' gösterge tables
    Meaning("deviation", "code", "gösterge kodu (3.1.19.1)", ("Gösterge Kodu", "Kod", "Gösterge No",
                                                              "Performans Göstergesi Kodu", "PG Kodu")),
    Meaning("deviation", "name", "gösterge", ("Gösterge", "Gösterge Adı", "Performans Göstergesi",
                                              "Performans Göstergeleri", "Gösterge Tanımı")),
    Meaning("deviation", "unit", "ölçü birimi", ("Ölçü Birimi", "Birimi", "Ölçü Br.", "Birim")),
    Meaning("deviation", "target", "yıl sonu hedefi", ("Hedef", "Hedeflenen", "YYYY Yılı Hedefi", "Hedef Değer",
                                                       "Yıl Sonu Hedefi", "Hedeflenen Değer")),
    Meaning("deviation", "actual", "yıl sonu sonucu", ("Sonuç", "Gerçekleşme", "Gerçekleşen", "Gerçekleşme Değeri",
                                                       "YYYY Yılı Gerçekleşme", "Yıl Sonu Gerçekleşme",
                                                       "Gerçekleşen Değer")),
    Meaning("deviation", "rate", "gerçekleşme oranı (%)", ("Gerçekleşme Oranı", "Gerçekleşme Oranı (%)",
                                                           "Gerçekleşme Oranı %", "Başarı Oranı", "Başarı Oranı (%)")),
    Meaning("deviation", "note", "sapma durumu (sapmanın nedeni)", (
        "Sapma Durumu", "Sapma Nedeni", "Sapmanın Nedeni", "Sapma Nedenleri", "Sapma Açıklaması",
        "Sapma Durumu / Açıklama", "Açıklama")),
    Meaning("deviation", "birim", "sorumlu birim (müdürlük)", ("Sorumlu Birim", "Sorumlu Müdürlük",
                                                                "Sorumlu Birimler", "İlgili Birim")),
    # --- the hedef box of the key/value layout (label | value rows above the gösterge table)
    Meaning("hedef_box", "amac", "stratejik amaç (kod değerin başında)", ("Stratejik Amaç", "Amaç", "Amaç Adı")),
    Meaning("hedef_box", "hedef", "stratejik hedef", ("Stratejik Hedef", "Hedef", "Hedef Adı")),
    Meaning("hedef_box", "performans_hedefi", "performans hedefi", ("Performans Hedefi", "Performans Hedefi Adı")),
    Meaning("hedef_box", "sorumlu_birim", "sorumlu birim", ("Sorumlu Birim", "Sorumlu Müdürlük", "Sorumlu Birimler",
                                                              "Sorumlu Harcama Birimi")),
    Meaning("hedef_box", "performance", "hedef performansı (%)", (
        "Hedef Performansı (%)", "Hedef Performansı", "Hedef Performansı %", "Hedef Gerçekleşme Oranı (%)",
        "Hedef Gerçekleşme Oranı", "Performans (%)")),
    # --- period columns (a yearly report with one column per quarter); matched exactly, not fuzzily
    *(Meaning("period", f"m{m}", f"{m}. ayın sonuna kadarki dönem", _period_spellings(m)) for m in (3, 6, 9, 12)),
)


def columns_of(kind: str) -> dict[str, tuple[str, ...]]:
    """field -> spellings for one table kind, in the table's order."""
    out: dict[str, tuple[str, ...]] = {}
    for m in VOCABULARY:
        if m.kind == kind:
            out[m.field] = out.get(m.field, ()) + m.spellings
    return out


GOSTERGE_COLUMNS: dict[str, tuple[str, ...]] = columns_of("gosterge")
FAALIYET_COLUMNS: dict[str, tuple[str, ...]] = columns_of("faaliyet")
BOX_FIELDS: dict[str, tuple[str, ...]] = columns_of("hedef_box")
DEVIATION_COLUMNS: dict[str, tuple[str, ...]] = columns_of("deviation")

_LETTER = re.compile(r"\(\s*([abc])\s*\)\s*$")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Folded label; a year stands as ``yyyy`` unless it is all the label says (the ``2024`` above Hedef/Ay)."""
    key = fold(text)
    if key and not _YEAR.fullmatch(key):
        key = _YEAR.sub("yyyy", key)
    return key


_VOCABS: dict[int, dict[str, tuple[str, ...]]] = {}


def match_column(text: str, columns: dict[str, tuple[str, ...]]) -> tuple[str | None, float]:
    """The field a header label names, and how sure the match is (0–100). Results are cached per vocabulary."""
    _VOCABS.setdefault(id(columns), columns)
    return _match_cached(text, id(columns))


@lru_cache(maxsize=8192)
def _match_cached(text: str, vocab_id: int) -> tuple[str | None, float]:
    columns = _VOCABS[vocab_id]
    key = _folded(text)
    if not key:
        return None, 0.0
    if "(c a)" in key and "(b a)" in key and "rate" in columns:
        return "rate", 100.0
    m = _LETTER.search(key)
    if m and "baseline" in columns:
        return {"a": "baseline", "b": "target", "c": "actual"}[m.group(1)], 100.0
    # a narrow header column breaks words anywhere ("Göste / rge / Kodu"): compare without spaces too
    bare = key.replace(" ", "")
    best, score = None, 0.0
    for field, spellings in columns.items():
        for s in spellings:
            f = _folded(s)
            r = max(fuzz.ratio(key, f), fuzz.ratio(bare, f.replace(" ", "")))
            if r > score:
                best, score = field, r
    return (best, score) if score >= THRESHOLD else (None, score)


def match_prefix(text: str, columns: dict[str, tuple[str, ...]], min_len: int = 3) -> str | None:
    """The field whose label starts with ``text``: a label cut short by a page break (``Faaliy``, ``Gerçekl``)."""
    bare = _folded(text).replace(" ", "")
    if len(bare) < min_len:
        return None
    for field, spellings in columns.items():
        for s in spellings:
            if _folded(s).replace(" ", "").startswith(bare):
                return field
    return None


def match_period(text: str) -> int | None:
    """The month a period column's label ends in (``3 Aylık``, ``I. Dönem``, ``Ocak-Mart`` -> 3), or None: the
    period vocabulary's (``normalising/periods.period_end``), which reads every spelling listed here and more."""
    return period_end(text)


def vocabulary_markdown() -> str:
    """``docs/header-vocabulary.md``: the vocabulary table as the docs show it."""
    kinds = {"gosterge": "Gösterge tables", "faaliyet": "Faaliyet tables",
             "deviation": "Activity report (faaliyet raporu) per-müdürlük tables (layout `activity_deviation`)",
             "hedef_box": "The hedef box (key/value layout: label | value rows, the code at the start of the value)",
             "period": "Period columns (the field is the month the period ends in; read by the quarter-columns "
                       "layout, `assembling/layouts/quarters.py`, where a column under a period label holds that "
                       "period's value and the gerçekleşme column beside them is C; these spellings are examples: "
                       "every label is read by the period vocabulary, `docs/period-vocabulary.md`)"}
    out = ["# Header vocabulary", "",
           "Generated from `VOCABULARY` in `src/izlem_audit/normalising/headers.py` "
           "(`python -m izlem_audit.normalising.headers > docs/header-vocabulary.md`); a test keeps them equal.",
           "",
           "A header label is folded (Turkish-aware, ASCII; a year reads as `YYYY`) and compared with every "
           f"spelling of its table kind by rapidfuzz's whole-string ratio; the best at or above {THRESHOLD:g} names "
           "the column. Labels ending in `(A)`, `(B)`, `(C)` (the guide's letters) are baseline, target and actual "
           "whatever their words; `(C-A)/(B-A)` is the rate. Period labels are read by the period vocabulary "
           "(`normalising/periods.py`, `docs/period-vocabulary.md`), never by a loose match.", ""]
    for kind, title in kinds.items():
        out += [f"## {title}", "", "| field | meaning | spellings |", "|---|---|---|"]
        for m in VOCABULARY:
            if m.kind == kind:
                out.append(f"| `{m.field}` | {m.meaning} | {' · '.join(m.spellings)} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(vocabulary_markdown(), end="")
