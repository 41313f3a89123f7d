"""The tolerance model on both sides: big enough (a correctly computed report gives no finding, whatever the
printed precision of its inputs) and small enough (a 1-point error in a hedef, amaç or overall figure and a
0,5-point error in a gösterge rate are found wherever the printed precision allows it).

The reports are built here by hand, computed the way a producer computes them (exact inputs, rates rounded for
print, the hedef from the unrounded or from the rounded rates) — independently of recomputing/.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from izlem_audit.recomputing import formulas as fx
from izlem_audit.rules.engine import run_rules
from factories import Summary, SummaryAmac, SummaryHedef, ev, gosterge, hedef, period, report

NUMERIC = {"IZ101", "IZ201", "IZ202", "IZ203", "IZ401", "IZ403", "IZ404"}


def numeric(rep) -> list:
    return [f for f in run_rules(rep)[0] if f.rule in NUMERIC]


def produce(specs, *, input_decimals=0, rate_decimals=2, perf_decimals=2, from_rounded_rates=False,
            unit="adet", perf_error=0.0, rate_error=None, uncapped=False):
    """A hedef as a producer prints it. ``specs``: (weight, A, B, C). Rates are (C−A)/(B−A) rounded to
    ``rate_decimals``; the performance Σ w × capped rate (from the unrounded rates unless
    ``from_rounded_rates``), rounded to ``perf_decimals``, plus ``perf_error``. ``rate_error``: (index, points)."""
    gs, exact_rates, printed_rates = [], [], []
    for k, (w, a, b, c) in enumerate(specs, 1):
        r = (c - a) / (b - a) * 100
        pr = round(r, rate_decimals)
        if rate_error and rate_error[0] == k - 1:
            pr = round(pr + rate_error[1], rate_decimals)
        exact_rates.append(r)
        printed_rates.append(pr)
        gs.append(gosterge(k, w, b, [period(6, c, pr, decimals=input_decimals, rate_decimals=rate_decimals)],
                           unit=unit, baseline=a, decimals=input_decimals))
    base = printed_rates if from_rounded_rates else exact_rates
    single = len(specs) == 1
    cap = (lambda r: r) if (single or uncapped) else (lambda r: min(max(r, 0.0), 100.0))
    perf = sum(w / 100 * cap(r) for (w, *_), r in zip(specs, base))
    return hedef(gs, round(round(perf, perf_decimals) + perf_error, perf_decimals), decimals=perf_decimals), perf


# ------------------------------------------------------------------------------------ big enough

def test_two_of_three_printed_66_67():
    h, _ = produce([(100, 0, 3, 2)])
    assert h.gostergeler[0].periods[0].reported_rate == 66.67
    assert numeric(report(h)) == []


@pytest.mark.parametrize("from_rounded", [False, True])
def test_performance_from_unrounded_or_rounded_rates(from_rounded):
    # thirds everywhere: the rounded and the unrounded rates give hedef figures 0,01 apart
    h, _ = produce([(34, 0, 3, 1), (33, 0, 3, 2), (33, 0, 6, 5)], from_rounded_rates=from_rounded)
    assert numeric(report(h)) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 400), st.integers(0, 600)), min_size=1, max_size=4),
       st.sampled_from([0, 1, 2]), st.sampled_from([0, 2]), st.booleans(), st.sampled_from(["adet", "%", "km"]))
def test_no_finding_on_a_correct_hedef_whatever_the_precision(raw, rate_dec, in_dec, from_rounded, unit):
    specs = []
    n = len(raw)
    weights = [100 // n] * n
    weights[0] += 100 - sum(weights)
    for w, (a, span, c) in zip(weights, raw):
        specs.append((w, a, a + span, c))
    h, _ = produce(specs, input_decimals=in_dec, rate_decimals=rate_dec, perf_decimals=max(rate_dec, 0),
                   from_rounded_rates=from_rounded, unit=unit)
    assert numeric(report(h)) == []


# ------------------------------------------------------------------------------------ small enough

@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 400), st.integers(0, 600)), min_size=2, max_size=4),
       st.sampled_from([1.0, -1.0]), st.booleans())
def test_one_point_hedef_error_is_found_with_integer_inputs(raw, sign, from_rounded):
    n = len(raw)
    weights = [100 // n] * n
    weights[0] += 100 - sum(weights)
    specs = [(w, a, a + span, c) for w, (a, span, c) in zip(weights, raw)]
    h, _ = produce(specs, from_rounded_rates=from_rounded, perf_error=sign)
    found = numeric(report(h))
    assert [(f.rule, f.severity) for f in found] == [("IZ201", "error")]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 50), st.integers(1, 400), st.integers(0, 600), st.sampled_from([0.5, -0.5]))
def test_half_point_rate_error_is_found_with_integer_inputs(a, span, c, err):
    h, _ = produce([(50, a, a + span, c), (50, 0, 10, 5)], rate_error=(0, err), from_rounded_rates=True)
    assert ("IZ101", "error") in [(f.rule, f.severity) for f in numeric(report(h))]


def test_uncapped_rate_five_points_above_is_found():
    # the case: integer inputs, a 120 % rate counted uncapped; the tolerance was 6,32, no finding
    specs = [(40, 0, 5, 6), (30, 0, 4, 2), (30, 0, 7, 4)]  # 120 %, 50 %, 57,14 %
    h, perf = produce(specs, uncapped=True)
    assert round(perf, 2) == 80.14
    (f,) = numeric(report(h))
    assert f.rule == "IZ202" and f.severity == "error" and f.tolerance < 0.02


@pytest.mark.parametrize("cap_move", [1.0, 2.0])
def test_unclamped_rate_moving_its_hedef_by_one_or_two_points(cap_move):
    # a rate of 100 + 100·cap_move/w counted uncapped moves the hedef by cap_move points
    w = 20
    over = 100 + 100 * cap_move / w  # 105 % or 110 %
    specs = [(w, 0, 100, over), (80, 0, 10, 5)]
    h, _ = produce(specs, uncapped=True)
    assert [f.rule for f in numeric(report(h))] == ["IZ202"]


def test_negative_rate_not_floored():
    specs = [(10, 20, 30, 15), (90, 0, 10, 5)]  # -50 % (a 10 % weight): 5 points if not floored
    h, _ = produce(specs, uncapped=True)
    assert [f.rule for f in numeric(report(h))] == ["IZ202"]


def test_capped_rate_and_exact_weights_add_no_tolerance():
    # a rate capped at 100 by far contributes nothing; weights adding up to exactly 100 are exact
    assert fx.hedef_performance_tolerance([(50, 300.0, 40.0), (50, 40.0, 0.0)], 0, 2, weights_exact=True) \
        == pytest.approx(0.005)
    # a rate at 99 with a spread of 3 can move by up to 1 below the cap and 2 below it: 3 counted
    assert fx.clamped_spread(99.0, 3.0) == pytest.approx(3.0)
    assert fx.clamped_spread(101.0, 3.0) == pytest.approx(2.0)
    # weights that only add up to 100 within their rounding count with their half unit
    loose = fx.hedef_performance_tolerance([(33.33, 50.0, 0.0), (33.33, 50.0, 0.0), (33.34, 50.0, 0.0)], 2, 2)
    assert loose > 0.005


def _summary_report(hedef_pct: str, amac_pct: str, overall: float, overall_text: str):
    h1, _ = produce([(50, 0, 3, 2), (50, 0, 10, 4)])  # 66,67 / 40 -> 53,33
    h2, _ = produce([(100, 0, 8, 3)])  # 37,5
    h2.hedef = "H2"
    s1 = SummaryHedef("H1", "Hedef bir", "Birim", float(hedef_pct.strip("%")), [], ev(reported_performance=hedef_pct))
    s2 = SummaryHedef("H2", "Hedef iki", "Birim", 38.0, [], ev(reported_performance="38%"))
    a = SummaryAmac("A1", "Amaç bir", float(amac_pct.strip("%")), [s1, s2], None, ev(reported_rate=amac_pct))
    return report(h1, h2, summary=Summary([a], overall, ev(overall_rate=overall_text)))


def test_summary_figures_both_sides():
    # H1 53,33 -> "53%"; H2 37,5 -> "38%" (or 37); amaç (53,33 + 37,5) / 2 = 45,42 -> "45%"; overall the same
    assert numeric(_summary_report("53%", "45%", 45.0, "%45")) == []
    assert numeric(_summary_report("53%", "45%", 45.42, "%45,42")) == []
    assert [f.rule for f in numeric(_summary_report("54%", "45%", 45.0, "%45"))] == ["IZ401"]
    # 53 and 38 printed: their mean 45,5 may be printed 46 by a producer averaging its rounded figures: no
    # error; 47 is one
    assert numeric(_summary_report("53%", "46%", 45.0, "%45")) == []
    assert [f.rule for f in numeric(_summary_report("53%", "47%", 45.0, "%45"))] == ["IZ403"]
    assert [f.rule for f in numeric(_summary_report("53%", "45%", 46.42, "%46,42"))] == ["IZ404"]
    # an integer overall: 46 may come from the printed 53 and 38 (45,5), 47 may not
    assert numeric(_summary_report("53%", "45%", 46.0, "%46")) == []
    assert [f.rule for f in numeric(_summary_report("53%", "45%", 47.0, "%47"))] == ["IZ404"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 400), st.integers(0, 600)), min_size=2, max_size=5),
       st.booleans(), st.booleans())
def test_no_finding_on_correct_summaries_whatever_the_averaging(raw, from_summary_ints, overall_from_ints):
    """The summary's hedef percentages are the cards rounded to integers; the amaç rate the mean of the exact
    figures or of those rounded integers (as a producer in a spreadsheet may do), rounded; the overall rate the
    mean of the amaç figures (exact or as printed), printed with two decimals or as an integer."""
    hs, exact = [], []
    for k, (span, c) in enumerate(raw, 1):
        h, perf = produce([(100, 0, span, c)])
        h.hedef = f"H{k}"
        hs.append(h)
        exact.append(perf)
    ints = [round(v) for v in exact]
    shs = [SummaryHedef(f"H{k}", f"Hedef {k}", "B", float(i), [], ev(reported_performance=f"{i}%"))
           for k, i in enumerate(ints, 1)]
    amac_value = sum(ints if from_summary_ints else exact) / len(exact)
    amac_pct = round(amac_value)
    a = SummaryAmac("A1", "Amaç bir", float(amac_pct), shs, None, ev(reported_rate=f"{amac_pct}%"))
    overall = float(amac_pct) if overall_from_ints else round(amac_value, 2)
    text = f"%{overall:g}" if overall_from_ints else f"%{overall:.2f}".replace(".", ",")
    rep = report(*hs, summary=Summary([a], overall, ev(overall_rate=text)))
    assert numeric(rep) == []
