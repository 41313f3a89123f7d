"""The guide's formulas and the rounding-aware tolerances."""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from izlem_audit.recomputing import formulas as fx

money = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)


def test_examples_from_the_reference():
    assert round(fx.indicator_rate(18017, 50000), 2) == 36.03
    assert round(fx.indicator_rate(28, 25, 32), 2) == 57.14  # decreasing indicator
    assert fx.indicator_rate(6, 5, 5) is None  # B = A
    assert fx.indicator_rate(None, 5) is None
    # A1 H1: 40 % × 36,03 + 30 % × 56 + 20 % × 500 (capped) + 10 % × 108,33 (capped) = 61,21
    assert round(fx.hedef_performance([(40, 36.03), (30, 56), (20, 500), (10, 108.33)]), 2) == 61.21
    assert fx.hedef_performance([(100, 130.0)]) == 130.0  # single gösterge: as it is
    assert fx.hedef_performance([(100, -20.0)]) == -20.0
    assert fx.split_hedef_performance([(43.0, 50), (48.6, 50)]) == 45.8
    assert round(fx.activity_rate(379200, 2500000), 2) == 15.17
    assert fx.activity_rate(5, 0) is None


@given(st.floats(-1e6, 1e6), st.floats(2e-3, 2e6), st.floats(-1e6, 1e6), st.floats(0, 2e6))
def test_rate_is_monotone_in_actual_when_target_above_baseline(a, gap, c1, step):
    # built so that every draw qualifies (target above baseline, c1 <= c2): filtering with assume() rejected
    # three draws in four and tripped Hypothesis' health check now and then
    b, c2 = a + gap, c1 + step
    assert fx.indicator_rate(c1, b, a) <= fx.indicator_rate(c2, b, a) + 1e-9


@given(st.lists(st.tuples(st.floats(0, 100), st.floats(-1e4, 1e4)), min_size=2, max_size=12))
def test_capped_performance_is_within_the_weights(items):
    total = sum(w for w, _ in items)
    p = fx.hedef_performance(items)
    assert -1e-9 <= p <= total + 1e-9


@given(st.floats(1, 1e6), st.floats(1, 1e6), st.floats(0, 1e6))
def test_tolerance_covers_rounding_of_the_inputs(target, baseline, actual):
    """Round the inputs to two decimals as a report prints them; the rate of the rounded inputs, rounded to two
    decimals, stays within the tolerance of the exact rate of the printed inputs."""
    assume(abs(target - baseline) > 1)
    exact = fx.indicator_rate(actual, target, baseline)
    a, b, c = round(baseline, 2), round(target, 2), round(actual, 2)
    printed_rate = round(fx.indicator_rate(c, b, a), 2)
    tol = fx.indicator_rate_tolerance(c, b, a, [2, 2, 2], 2)
    assert tol >= 0
    assert abs(printed_rate - fx.indicator_rate(c, b, a)) <= tol
    # the true inputs were within half a unit of the printed ones: the true rate lies within the tolerance
    assert abs(exact - fx.indicator_rate(c, b, a)) <= tol * 1.01 + 1e-9


@given(money, st.floats(1, 1e7))
def test_activity_tolerance_covers_rounding(spent, budget):
    s, b = round(spent, 2), round(budget, 2)
    assume(b > 0)
    tol = fx.activity_rate_tolerance(s, b, [2, 2], 2)
    assert abs(round(fx.activity_rate(s, b), 2) - fx.activity_rate(s, b)) <= tol


def test_half_unit():
    assert fx.half_unit(2) == 0.005 and fx.half_unit(0) == 0.5 and math.isclose(fx.half_unit(1), 0.05)
