"""The Turkish number parser: examples as reports print them, and properties over generated numbers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izlem_audit.normalising.numbers import decimals_of, format_number, parse_number


@pytest.mark.parametrize("text,value", [
    ("1.400,00", 1400.0),
    ("39.400.000,00", 39_400_000.0),
    ("%97", 97.0),
    ("% 97,5", 97.5),
    ("61%", 61.0),
    ("-12,50", -12.5),
    ("1.000", 1000.0),  # one thousand, not one
    ("0,00", 0.0),
    ("12,95", 12.95),
    ("107,78", 107.78),
    ("8.279.522,00", 8_279_522.0),
    ("97.5", 97.5),  # a decimal point with one or two decimals, as some producers print
    ("1.000 TL", 1000.0),
    ("−3,5", -3.5),  # U+2212 minus sign
])
def test_parses_printed_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "-", "—", "  ", "yok", "3 6", "0,00 0,00", "abc", "12,5,3", "1.00.0", None])
def test_missing_or_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,decimals", [("12,95", 2), ("61%", 0), ("%34", 0), ("1.400,0", 1), ("x", None)])
def test_decimals_of(text, decimals):
    assert decimals_of(text) == decimals


@given(st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_round_trip_two_decimals(units, cents):
    value = units + (cents / 100 if units >= 0 else -cents / 100)
    text = format_number(value, 2)
    assert math.isclose(parse_number(text), round(value, 2), abs_tol=1e-6)
    assert decimals_of(text) == 2


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_are_thousands(n):
    text = format_number(float(n), 0)  # "1.234.567"
    assert parse_number(text) == float(n)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from(["%{}", "{}%", "% {}", "{} %"]))
def test_percent_sign_on_either_side(value, pattern):
    text = pattern.format(format_number(value, 2))
    assert math.isclose(parse_number(text), round(value, 2), abs_tol=1e-6)


@given(st.text(max_size=30))
def test_never_raises(text):
    result = parse_number(text)
    assert result is None or isinstance(result, float)
