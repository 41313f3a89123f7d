"""The guide's formulas, as small pure functions, and the rounding-aware tolerances to compare them with.

Strateji ve Bütçe Başkanlığı, *Belediyeler İçin Stratejik Planlama Rehberi* (as the reference report prints it):

- gösterge performansı = (C − A) / (B − A) × 100; A the plan-period start value (0 where there is no column A),
  B the year-end target, C the value reached;
- hedef performansı = Σ gösterge performansı × hedefe etkisi; a gösterge performance above 100 counts as 100,
  a negative one as 0 — except in a hedef with a single gösterge, whose performance is taken as it is;
- a hedef split into performans hedefleri = Σ PH performansı × PH hedefe etkisi; an amaç's rate is the mean of
  its hedefler; the overall rate the mean of the amaçlar; a faaliyet's rate = spending / budget × 100.

Tolerances follow the printed precision, by outcome (no fixed epsilon):

- a printed *result* (rate, performance, percentage) printed with d decimals may be off by half a unit of its
  last digit (``half_unit``);
- the printed *inputs* are the data the producer used. An input printed as an integer ("5", "3.000", "%85") is
  exact, and so is a whole count printed with decimals ("5,00 adet"); an input printed with decimals may have
  been rounded by half a unit of its last digit, which the formula carries to the result (first-order:
  |∂f/∂x| · δx for each input; ``indicator_rate_spread``);
- in a hedef performance a rate that is capped at 100 (or floored at 0) contributes nothing, weights that add
  up to exactly 100 are exact, and a gösterge whose printed rate reconciles tells how close the producer's own
  (unrounded) rate was: within half a unit of the printed one (``hedef_performance_tolerance``).

The *loose* allowance also lets integer-printed inputs that are not counts ("%85", "3 km") be rounded by 0,5:
a difference above the strict allowance but within the loose one is a warning (it may be rounding), above the
loose one an error.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "half_unit", "indicator_rate", "indicator_rate_tolerance", "clamp", "hedef_performance",
    "hedef_performance_tolerance", "split_hedef_performance", "mean", "activity_rate", "activity_rate_tolerance",
    "input_half_unit", "indicator_rate_spread", "clamped_spread", "reached_from_periods", "reached_tolerance",
    "decreasing_rate",
]


def half_unit(decimals: int | None) -> float:
    """Half a unit of the last printed digit: 0.005 for two decimals, 0.5 for an integer."""
    return 0.5 * 10.0 ** -(2 if decimals is None else decimals)


def indicator_rate(actual: float | None, target: float | None, baseline: float | None = 0.0) -> float | None:
    """(C − A) / (B − A) × 100, or None when an input is missing or B equals A (not computable)."""
    if actual is None or target is None:
        return None
    a = baseline or 0.0
    if target == a:
        return None
    return (actual - a) / (target - a) * 100.0


def decreasing_rate(actual: float | None, target: float | None) -> float | None:
    """B / C × 100: the rate of an indicator meant to fall (a duration, a count to reduce) where no start value A
    is printed, as tables without an A column print it (5 days aimed, 4 reached: 125). None when not computable."""
    if actual is None or target is None or actual == 0:
        return None
    return target / actual * 100.0


def input_half_unit(value: float | None, decimals: int | None, *, whole: bool = False, loose: bool = False) -> float:
    """How much a printed input may differ from the value the producer used.

    ``whole``: the value is a count of whole things (its unit is a count), so a whole printed value is exact
    however many decimals it shows. Otherwise an integer-printed value is exact (strict) or ±0,5 (``loose``),
    and a value printed with d decimals is ±half a unit of its last digit.
    """
    if value is None:
        return 0.0
    if whole and float(value).is_integer():
        return 0.0
    d = 2 if decimals is None else decimals
    if d == 0 and not loose:
        return 0.0
    return half_unit(d)


def indicator_rate_spread(actual: float, target: float, baseline: float | None,
                          deltas: Sequence[float]) -> float:
    """How far the exact rate of the producer's inputs may stand from the rate of the printed inputs, when C,
    B, A may each be off by ``deltas`` (first order: the partial derivatives of 100 (C − A) / (B − A))."""
    a = baseline or 0.0
    d = target - a
    if d == 0:
        return float("inf")
    dc, db, da = (list(deltas) + [0.0, 0.0, 0.0])[:3]
    if baseline is None:
        da = 0.0
    return 100.0 * (abs(1 / d) * dc + abs((actual - a) / d ** 2) * db + abs((actual - target) / d ** 2) * da)


def indicator_rate_tolerance(actual: float, target: float, baseline: float | None, input_decimals: Sequence[int | None],
                             printed_decimals: int | None) -> float:
    """How far a correctly computed and printed rate may stand from the exact rate of the printed inputs, when
    every input printed with ``input_decimals`` (C, B, A) may be rounded (the loose view of integer inputs)."""
    dc, db, da = (half_unit(x) for x in (list(input_decimals) + [2, 2, 2])[:3])
    return half_unit(printed_decimals) + indicator_rate_spread(actual, target, baseline, [dc, db, da])


def clamp(rate: float) -> float:
    """A gösterge performance as it counts in the hedef: above 100 is 100, below 0 is 0."""
    return min(max(rate, 0.0), 100.0)


def hedef_performance(items: Sequence[tuple[float, float]], capped: bool = True) -> float:
    """Σ weight / 100 × rate over (weight, rate) pairs.

    Rates are capped to [0, 100] unless the hedef has a single gösterge (or ``capped`` is False, which is how
    a wrongly computed figure is reproduced).
    """
    single = len(items) == 1
    return sum(w / 100.0 * (clamp(r) if capped and not single else r) for w, r in items)


def clamped_spread(rate: float, spread: float, capped: bool = True) -> float:
    """How far clamp(r) may move when r is within ``spread`` of ``rate``: nothing for a rate capped at 100 (or
    floored at 0) by more than its spread."""
    if not capped:
        return spread
    c = clamp(rate)
    return max(abs(clamp(rate + spread) - c), abs(c - clamp(rate - spread)))


def hedef_performance_tolerance(items: Sequence[tuple[float, float, float]], weight_decimals: int | None,
                                printed_decimals: int | None, *, weights_exact: bool = False) -> float:
    """Tolerance of Σ w/100 × rate from (weight, rate, rate spread) triples, plus the printed rounding.

    A rate's spread counts through the capping (a rate capped at 100 contributes nothing); weights count with
    half a unit of their last digit unless ``weights_exact`` (they add up to exactly 100)."""
    hw = 0.0 if weights_exact else half_unit(weight_decimals)
    single = len(items) == 1
    return half_unit(printed_decimals) + sum(
        w / 100.0 * clamped_spread(r, t, capped=not single) + hw / 100.0 * abs(r if single else clamp(r))
        for w, r, t in items)


def split_hedef_performance(items: Sequence[tuple[float, float]]) -> float:
    """Σ PH performance × PH weight / 100 over (performance, weight) pairs."""
    return sum(p * w / 100.0 for p, w in items)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def activity_rate(spent: float | None, budget: float | None) -> float | None:
    """Spending / budget × 100; None when either is missing or the budget is zero."""
    if spent is None or budget is None or budget == 0:
        return None
    return spent / budget * 100.0


def activity_rate_tolerance(spent: float, budget: float, input_decimals: Sequence[int | None],
                            printed_decimals: int | None) -> float:
    ds, db = (half_unit(x) for x in (list(input_decimals) + [2, 2])[:2])
    if budget == 0:
        return float("inf")
    return half_unit(printed_decimals) + 100.0 * (ds / abs(budget) + abs(spent) * db / budget ** 2)


def reached_from_periods(kind: str, values: Sequence[float]) -> float | None:
    """The value reached (C) that period values give: their sum for a ``flow`` (each period's own figure), the
    last for a ``cumulative`` running total or a ``level``; None without values or for another kind."""
    if not values or kind not in ("flow", "cumulative", "level"):
        return None
    return float(sum(values)) if kind == "flow" else float(values[-1])


def reached_tolerance(kind: str, period_halves: Sequence[float], reached_half: float) -> float:
    """How far a printed C may stand from the C of the printed periods when every printed figure may be rounded
    by its half-unit (``input_half_unit``): the sum carries every period's rounding, the last period only its
    own; C's own rounding is added."""
    if not period_halves:
        return reached_half
    carried = sum(period_halves) if kind == "flow" else period_halves[-1]
    return reached_half + carried
