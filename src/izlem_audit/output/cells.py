"""Spreadsheet and CSV cells that cannot turn into formulas.

Text taken from a PDF may start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; a spreadsheet
would run it as a formula (CSV injection). As OWASP recommends, such a text is prefixed with a single quote.
Numbers are written as numbers and never touched.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_value(value: object) -> object:
    if isinstance(value, str):
        return safe_text(value)
    return value
