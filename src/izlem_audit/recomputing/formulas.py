"""The guide's formulas, as small pure functions, and the rounding-aware tolerances to compare them with.

Strateji ve Bütçe Başkanlığı, *Belediyeler İçin Stratejik Planlama Rehberi* (as the reference report prints it):

- gösterge performansı = (C − A) / (B − A) × 100; A the plan-period start value (0 where there is no column A),
  B the year-end target, C the value reached;
- hedef performansı = Σ gösterge performansı × hedefe etkisi; a gösterge performance above 100 counts as 100,
  a negative one as 0 — except in a hedef with a single gösterge, whose performance is taken as it is;
- a hedef split into performans hedefleri = Σ PH performansı × PH hedefe etkisi; an amaç's rate is the mean of
  its hedefler; the overall rate the mean of the amaçlar; a faaliyet's rate = spending / budget × 100.

Tolerances follow the printed precision: a figure printed with d decimals may be off by half a unit of its
last digit, and a figure computed from printed (rounded) inputs carries their rounding too, propagated through
the formula (first-order: |∂f/∂x| · δx for each input). No fixed epsilon.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "half_unit", "indicator_rate", "indicator_rate_tolerance", "clamp", "hedef_performance",
    "hedef_performance_tolerance", "split_hedef_performance", "mean", "activity_rate", "activity_rate_tolerance",
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


def indicator_rate_tolerance(actual: float, target: float, baseline: float | None, input_decimals: Sequence[int | None],
                             printed_decimals: int | None) -> float:
    """How far a correctly computed and printed rate may stand from the exact rate of the printed inputs.

    ``input_decimals``: decimals printed for C, B, A. Each input may be off by half a unit of its last digit;
    the partial derivatives of 100 (C − A) / (B − A) carry that to the rate.
    """
    a = baseline or 0.0
    d = target - a
    if d == 0:
        return float("inf")
    dc, db, da = (half_unit(x) for x in (list(input_decimals) + [2, 2, 2])[:3])
    if baseline is None:
        da = 0.0
    spread = 100.0 * (abs(1 / d) * dc + abs((actual - a) / d ** 2) * db + abs((actual - target) / d ** 2) * da)
    return half_unit(printed_decimals) + spread


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


def hedef_performance_tolerance(items: Sequence[tuple[float, float, float]], weight_decimals: int | None,
                                printed_decimals: int | None) -> float:
    """Tolerance of Σ w/100 × rate from (weight, rate, rate tolerance) triples, plus the printed rounding."""
    hw = half_unit(weight_decimals)
    return half_unit(printed_decimals) + sum(w / 100.0 * t + hw / 100.0 * abs(clamp(r)) for w, r, t in items)


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
