"""Recompute a whole report: every gösterge period's rate, every hedef block's performance, the split hedefler,
the amaç rates and the overall rate. Rules and output formats both read this one structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Evidence, Faaliyet, Gosterge, Hedef, Period, Report
from ..normalising.numbers import decimals_of
from . import formulas as fx


def printed_decimals(evidence: Evidence, name: str, default: int = 2) -> int:
    """How many decimals the cell ``name`` shows as printed (2 when the evidence is not there)."""
    c = evidence.cells.get(name)
    d = decimals_of(c.text) if c is not None else None
    return default if d is None else d


@dataclass
class RateCheck:
    hedef: Hedef
    gosterge: Gosterge
    period: Period
    expected: float | None
    tolerance: float
    missing: list[str] = field(default_factory=list)  # inputs the rate needs that are not printed
    not_computable: bool = False  # B == A

    @property
    def difference(self) -> float | None:
        if self.expected is None or self.period.reported_rate is None:
            return None
        return self.period.reported_rate - self.expected

    @property
    def off(self) -> bool:
        d = self.difference
        return d is not None and abs(d) > self.tolerance


@dataclass
class HedefCheck:
    hedef: Hedef
    month: int | None
    expected: float | None  # the guide's formula on the recomputed rates
    tolerance: float
    uncapped: float | None  # the same without capping rates to [0, 100]
    capped_single: float | None  # a single-gösterge hedef computed with capping (the other wrong way)
    from_printed: float | None  # the guide's formula on the printed rates
    weight_sum: float | None
    rates: list[tuple[Gosterge, float | None]] = field(default_factory=list)

    @property
    def checkable(self) -> bool:
        """Weights add up to 100 (within their rounding): the recomputed figure means something."""
        n = len(self.hedef.gostergeler)
        return self.weight_sum is not None and abs(self.weight_sum - 100.0) <= fx.half_unit(2) * max(n, 1)

    @property
    def rollup(self) -> float | None:
        """The figure the amaç and overall rates are built from: recomputed, or printed when the weights make
        recomputing meaningless."""
        return self.expected if self.checkable else self.hedef.reported_performance

    @property
    def difference(self) -> float | None:
        if self.expected is None or self.hedef.reported_performance is None:
            return None
        return self.hedef.reported_performance - self.expected

    @property
    def off(self) -> bool:
        d = self.difference
        return d is not None and abs(d) > self.tolerance


@dataclass
class ActivityCheck:
    hedef: Hedef
    faaliyet: Faaliyet
    expected: float | None
    tolerance: float

    @property
    def off(self) -> bool:
        r = self.faaliyet.reported_rate
        return self.expected is not None and r is not None and abs(r - self.expected) > self.tolerance


@dataclass
class Recomputed:
    rates: list[RateCheck]
    hedefler: list[HedefCheck]
    activities: list[ActivityCheck]
    hedef_values: dict[tuple[str, str], float]  # (amac, hedef) -> recomputed performance (PH-weighted if split)
    hedef_printed: dict[tuple[str, str], float]  # the same from the printed block performances
    amac_values: dict[str, float]
    amac_printed: dict[str, float]  # means of the printed hedef performances
    overall: float | None
    overall_printed: float | None

    def hedef_check(self, h: Hedef) -> HedefCheck | None:
        return next((c for c in self.hedefler if c.hedef is h), None)


def latest_period(g: Gosterge, month: int | None) -> Period | None:
    if not g.periods:
        return None
    if month is not None:
        for p in g.periods:
            if p.month == month:
                return p
    return g.periods[-1]


def _rate_check(h: Hedef, g: Gosterge, p: Period) -> RateCheck:
    missing = [n for n, v in (("actual", p.actual), ("target", g.target)) if v is None]
    if missing:
        return RateCheck(h, g, p, None, 0.0, missing)
    expected = fx.indicator_rate(p.actual, g.target, g.baseline)
    if expected is None:
        return RateCheck(h, g, p, None, 0.0, not_computable=True)
    tol = fx.indicator_rate_tolerance(
        p.actual, g.target, g.baseline,  # type: ignore[arg-type]
        [printed_decimals(p.evidence, "actual"), printed_decimals(g.evidence, "target"),
         printed_decimals(g.evidence, "baseline")],
        printed_decimals(p.evidence, "reported_rate"))
    return RateCheck(h, g, p, expected, tol)


def _hedef_check(h: Hedef, rate_of: dict[int, RateCheck]) -> HedefCheck:
    months = [p.month for g in h.gostergeler for p in g.periods if p.month is not None]
    month = max(months) if months else None
    exact: list[tuple[float, float, float]] = []  # weight, recomputed rate, its tolerance
    printed: list[tuple[float, float]] = []
    rates: list[tuple[Gosterge, float | None]] = []
    complete = True
    for g in h.gostergeler:
        p = latest_period(g, month)
        rc = rate_of.get(id(p)) if p is not None else None
        rate = rc.expected if rc is not None else None
        rates.append((g, rate))
        if g.weight is None or rate is None:
            complete = False
        else:
            exact.append((g.weight, rate, rc.tolerance if rc else 0.0))
        if g.weight is not None and p is not None and p.reported_rate is not None:
            printed.append((g.weight, p.reported_rate))
    weights = [g.weight for g in h.gostergeler if g.weight is not None]
    weight_sum = sum(weights) if weights else None
    if not complete or not exact:
        return HedefCheck(h, month, None, 0.0, None, None,
                          fx.hedef_performance(printed) if printed else None, weight_sum, rates)
    pairs = [(w, r) for w, r, _ in exact]
    expected = fx.hedef_performance(pairs)
    wdec = max((printed_decimals(g.evidence, "weight") for g in h.gostergeler), default=2)
    tol = fx.hedef_performance_tolerance(exact, wdec, printed_decimals(h.evidence, "reported_performance"))
    single = len(pairs) == 1
    uncapped = None if single else fx.hedef_performance(pairs, capped=False)
    capped_single = fx.clamp(pairs[0][1]) * pairs[0][0] / 100.0 if single else None
    from_printed = fx.hedef_performance(printed) if len(printed) == len(pairs) else None
    return HedefCheck(h, month, expected, tol, uncapped, capped_single, from_printed, weight_sum, rates)


def _ph_weights(report: Report, amac: str, hedef: str) -> dict[str, float]:
    """PH weights from the summary, keyed by the detail's PH code (matched by title when they disagree)."""
    from ..rules.matching import match_ph  # local: the matching lives with the label rules

    a = report.summary.amac(amac)
    sh = next((x for x in a.hedefler if x.hedef == hedef), None) if a else None
    if sh is None:
        return {}
    blocks = [b for b in report.hedefler if (b.amac, b.hedef) == (amac, hedef) and b.performans_hedefi]
    out: dict[str, float] = {}
    for b in blocks:
        ph = match_ph(b, sh.performans_hedefleri)
        if ph is not None and ph.weight is not None:
            out[b.performans_hedefi or ""] = ph.weight
    return out


def recompute(report: Report) -> Recomputed:
    rates: list[RateCheck] = []
    rate_of: dict[int, RateCheck] = {}
    for h in report.hedefler:
        for g in h.gostergeler:
            for p in g.periods:
                rc = _rate_check(h, g, p)
                rates.append(rc)
                rate_of[id(p)] = rc
    checks = [_hedef_check(h, rate_of) for h in report.hedefler]
    activities = []
    for h in report.hedefler:
        for f in h.faaliyetler:
            exp = fx.activity_rate(f.spent, f.budget)
            tol = 0.0 if exp is None else fx.activity_rate_tolerance(
                f.spent, f.budget, [printed_decimals(f.evidence, "spent"), printed_decimals(f.evidence, "budget")],  # type: ignore[arg-type]
                printed_decimals(f.evidence, "reported_rate"))
            activities.append(ActivityCheck(h, f, exp, tol))
    values: dict[tuple[str, str], float] = {}
    printed: dict[tuple[str, str], float] = {}
    for key in report.hedef_keys():
        blocks = [c for c in checks if (c.hedef.amac, c.hedef.hedef) == key]
        if len(blocks) == 1 and not blocks[0].hedef.performans_hedefi:
            if blocks[0].rollup is not None:
                values[key] = blocks[0].rollup  # type: ignore[assignment]
            if blocks[0].hedef.reported_performance is not None:
                printed[key] = blocks[0].hedef.reported_performance
            continue
        weights = _ph_weights(report, *key)
        default = 100.0 / len(blocks)
        if all(c.rollup is not None for c in blocks):
            values[key] = fx.split_hedef_performance(
                [(c.rollup, weights.get(c.hedef.performans_hedefi or "", default)) for c in blocks])  # type: ignore[misc]
        if all(c.hedef.reported_performance is not None for c in blocks):
            printed[key] = fx.split_hedef_performance(
                [(c.hedef.reported_performance, weights.get(c.hedef.performans_hedefi or "", default))  # type: ignore[misc]
                 for c in blocks])
    amac_values: dict[str, float] = {}
    amac_printed: dict[str, float] = {}
    for amac in report.amac_codes():
        v = [values[k] for k in values if k[0] == amac]
        if v and len(v) == len([k for k in report.hedef_keys() if k[0] == amac]):
            amac_values[amac] = fx.mean(v)  # type: ignore[assignment]
        pv = [printed[k] for k in printed if k[0] == amac]
        if pv:
            amac_printed[amac] = fx.mean(pv)  # type: ignore[assignment]
    overall = fx.mean(list(amac_values.values())) if len(amac_values) == len(report.amac_codes()) else None
    overall_printed = fx.mean(list(amac_printed.values())) if amac_printed else None
    return Recomputed(rates, checks, activities, values, printed, amac_values, amac_printed, overall, overall_printed)
