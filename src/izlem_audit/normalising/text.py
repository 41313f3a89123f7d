"""Turkish-aware text helpers: case folding, ASCII folding, whitespace."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["tr_lower", "tr_upper", "fold", "ascii_fold", "squash"]

_WS = re.compile(r"\s+")


def tr_lower(text: str) -> str:
    """Lower-case with Turkish rules: ``I`` -> ``ı`` and ``İ`` -> ``i`` (``str.lower`` gets both wrong)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules: ``i`` -> ``İ`` and ``ı`` -> ``I``."""
    return text.replace("i", "İ").replace("ı", "I").upper()


_ASCII = str.maketrans({"ı": "i", "ş": "s", "ğ": "g", "ç": "c", "ö": "o", "ü": "u", "â": "a", "î": "i", "û": "u"})


def ascii_fold(text: str) -> str:
    """Fold to lower-case ASCII for loose comparisons: ``Gösterge Adı`` -> ``gosterge adi``."""
    s = tr_lower(text).translate(_ASCII)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def squash(text: str | None) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return _WS.sub(" ", text or "").strip()


def fold(text: str) -> str:
    """The comparison key for labels: ASCII-folded, punctuation dropped, spaces collapsed."""
    s = ascii_fold(text)
    s = re.sub(r"[^0-9a-z%()]+", " ", s)
    return squash(s)
