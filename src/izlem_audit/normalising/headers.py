"""Column headers, matched loosely: ``Hedef Etkisi``, ``Hedef Etkisi %`` and ``Hedefe Etkisi (%)`` are one
column. Labels are folded (Turkish-aware, ASCII) and compared with rapidfuzz's ratio; the best label above
``THRESHOLD`` wins. Whole-string ratio (not token-set) keeps ``Hedef`` apart from ``Hedef Etkisi`` and
``Gerçekleşme`` apart from ``Gerçekleşme Oranı``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .text import fold

THRESHOLD = 80.0

# field -> spellings seen in reports (the guide's and producers' own)
GOSTERGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("Sıra No", "Sıra", "S.No", "No"),
    "code": ("Gösterge Kodu", "Kod", "Gösterge No", "PG Kodu", "Performans Göstergesi Kodu"),
    "name": ("Gösterge Adı", "Performans Göstergesi", "Performans Göstergeleri", "Gösterge", "Gösterge Tanımı"),
    "weight": ("Hedef Etkisi %", "Hedef Etkisi", "Hedefe Etkisi (%)", "Hedefe Etkisi", "Hedefe Etkisi %",
               "Etki (%)", "Ağırlık (%)", "Ağırlık"),
    "baseline": ("Plan Dönemi Başlangıç Değeri (A)", "Plan Dönemi Başlangıç Değeri", "Başlangıç Değeri",
                 "Başlangıç Değeri (A)"),
    "target": ("Hedef", "İzleme Dönemindeki Yılsonu Hedeflenen Değer (B)", "Yılsonu Hedeflenen Değer",
               "Hedeflenen Değer", "Yıl Sonu Hedefi", "Hedef Değer"),
    "month": ("Ay", "Dönem", "İzleme Dönemi", "Ay/Dönem"),
    "actual": ("Gerçekleşme", "İzleme Dönemindeki Gerçekleşme Değeri (C)", "Gerçekleşme Değeri",
               "Gerçekleşen", "Gerçekleşen Değer"),
    "rate": ("Gerçekleşme Oranı %", "Gerçekleşme Oranı (%)", "Gerçekleşme Oranı", "Performans (%)",
             "Performans (%) (C-A)/(B-A)", "Performans", "Performans %"),
    "note": ("Açıklama", "Açıklamalar", "Açıklama / Değerlendirme"),
}

FAALIYET_COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("Sıra No", "Sıra", "S.No", "No"),
    "code": ("Faaliyet Kodu", "Faaliyet No", "Kod"),
    "name": ("Faaliyet / Proje Adı", "Faaliyet/Proje Adı", "Faaliyet Adı", "Faaliyet / Proje", "Faaliyetler"),
    "budget": ("Hedef (TL)", "Bütçe (TL)", "Ödenek (TL)", "Maliyet (TL)", "Hedef", "Bütçe", "Ödenek"),
    "spent": ("Gerçekleşme (TL)", "Harcama (TL)", "Harcanan (TL)", "Gerçekleşme", "Harcama"),
    "rate": ("Gerçekleşme Oranı %", "Gerçekleşme Oranı (%)", "Gerçekleşme Oranı"),
    "note": ("Açıklama", "Açıklamalar"),
}

_LETTER = re.compile(r"\(\s*([abc])\s*\)\s*$")


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


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
