"""Parsing numbers as Turkish reports print them.

``.`` groups thousands and ``,`` is the decimal mark: ``39.400.000,00`` is 39 400 000 and ``1.000`` is one
thousand. Percent signs stand before or after the number (``%97``, ``% 97,5``, ``61%``). An empty cell or a
dash means the value is missing.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["parse_number", "format_number", "decimals_of", "MISSING_MARKS", "MAX_INTEGER_DIGITS"]

# No figure of a municipal report has more integer digits than this (Turkey's whole budget has 14); a longer
# number is not a value but a reading problem (a 400-digit number would become infinity). It reads as missing,
# and extract.py reports the cell.
MAX_INTEGER_DIGITS = 15

MISSING_MARKS = frozenset({"", "-", "–", "—", "−", "yok", "YOK", "Yok", "n/a", "N/A", "...", "…"})

_MINUS = "-−–"
# A Turkish number: optional sign, digits with optional '.' thousands groups, optional ',' decimals.
_TR_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_TR_PLAIN = re.compile(r"^[+-]?\d+(?:,\d+)?$")
# A number written with a decimal point and no grouping ("97.5"), as some producers print.
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d{1,2}$|^[+-]?\d+\.\d{4,}$")
_SPACE = re.compile(r"[\s\u00a0\u202f]+")


def _clean(text: str) -> tuple[str, bool]:
    """Strip the percent sign, currency and the spaces around them; spaces inside the digits stay, so that
    two values in one cell (``3 6``) are not read as one number."""
    s = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    percent = False
    if s.startswith("%"):
        s, percent = s[1:].strip(), True
    if s.endswith("%"):
        s, percent = s[:-1].strip(), True
    for cur in ("TL", "₺"):
        if s.endswith(cur):
            s = s[: -len(cur)].strip()
    if s and s[0] in _MINUS:
        s = "-" + s[1:].strip()
    if s.startswith("+"):
        s = s[1:].strip()
    return s, percent


@lru_cache(maxsize=16384)
def parse_number(text: str | None) -> float | None:
    """The value of a number printed the Turkish way (``_parse``), None for no number or one too long to be a
    figure. Cached: a report prints the same figures again and again (0, 100, the periods), and every stage
    (conservation ledger, cells, rules) parses the same texts."""
    value = _parse(text)
    if value is not None and not abs(value) < 10.0 ** MAX_INTEGER_DIGITS:  # also inf and nan
        return None
    return value


def _parse(text: str | None) -> float | None:
    """Return the value of a number printed the Turkish way, or None when the cell holds no number.

    >>> parse_number("39.400.000,00")
    39400000.0
    >>> parse_number("%97,5")
    97.5
    >>> parse_number("1.000")
    1000.0
    >>> parse_number("-") is None
    True
    """
    if text is None:
        return None
    raw = text.strip()
    if raw in MISSING_MARKS:
        return None
    s, _ = _clean(raw)
    if not s or s in MISSING_MARKS:
        return None
    if _TR_GROUPED.match(s) or _TR_PLAIN.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _DOT_DECIMAL.match(s):
        # "97.5" or "12.95": a dot followed by one, two, or four and more digits is a decimal point;
        # a dot followed by exactly three digits is a thousands separator and matched above.
        return float(s)
    # English-style grouping "1,234,567.89"
    if re.match(r"^[+-]?\d{1,3}(?:,\d{3})+\.\d+$", s):
        return float(s.replace(",", ""))
    return None


@lru_cache(maxsize=16384)
def decimals_of(text: str | None) -> int | None:
    """How many decimals the printed number shows (``12,95`` -> 2, ``61%`` -> 0); None if not a number."""
    if text is None or parse_number(text) is None:
        return None
    s, _ = _clean(text.strip())
    if "," in s:
        return len(s.rsplit(",", 1)[1])
    if _DOT_DECIMAL.match(s):
        return len(s.rsplit(".", 1)[1])
    return 0


def format_number(value: float | None, decimals: int = 2, *, lang: str = "tr") -> str:
    """Print a number the way the report does (``39.400.000,00``); English style with ``lang='en'``."""
    if value is None:
        return "—"
    s = f"{value:,.{decimals}f}"
    if lang == "tr":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s
