"""Recompute a whole report: every gösterge period's rate, every hedef block's performance, the split hedefler,
the amaç rates and the overall rate. Rules and output formats both read this one structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Evidence, Faaliyet, Gosterge, Hedef, Period, Report
from ..normalising.numbers import decimals_of
from ..normalising.units import CANONICAL_UNITS
from . import formulas as fx
from .matching import match_ph
from .series import SeriesKind, series_kind, value_to_date


def printed_decimals(evidence: Evidence, name: str, default: int = 2) -> int:
    """How many decimals the cell ``name`` shows as printed (2 when the evidence is not there)."""
    c = evidence.cells.get(name)
    d = decimals_of(c.text) if c is not None else None
    return default if d is None else d


def printed_decimals_or_none(evidence: Evidence, name: str) -> int | None:
    c = evidence.cells.get(name)
    return decimals_of(c.text) if c is not None else None


EPS = 1e-7  # floating-point slack: 1.675 / 4000 is 41,875 exactly, printed 41,88 is half a unit off, not more


class Zoned:
    """A printed figure against its recomputed value: within ``tolerance`` (the strict rounding allowance) it is
    right; beyond ``tolerance_loose`` (integer-printed inputs possibly rounded too) it is certainly wrong
    (``off``); in between it may be rounding (``doubtful``), reported as a warning."""

    expected: float | None
    tolerance: float
    tolerance_loose: float

    @property
    def difference(self) -> float | None:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def off(self) -> bool:
        d = self.difference
        return d is not None and abs(d) > max(self.tolerance, self.tolerance_loose) + EPS

    @property
    def doubtful(self) -> bool:
        d = self.difference
        return d is not None and self.tolerance + EPS < abs(d) <= self.tolerance_loose + EPS

    @property
    def flagged(self) -> bool:
        return self.off or self.doubtful

    @property
    def reconciles(self) -> bool:
        d = self.difference
        return d is not None and abs(d) <= self.tolerance + EPS


@dataclass
class RateCheck(Zoned):
    hedef: Hedef
    gosterge: Gosterge
    period: Period
    expected: float | None
    tolerance: float
    missing: list[str] = field(default_factory=list)  # inputs the rate needs that are not printed
    not_computable: bool = False  # B == A
    tolerance_loose: float = 0.0
    spread: float = 0.0  # how far the producer's exact rate may be from ``expected`` (inputs' rounding)
    spread_loose: float = 0.0
    rounding: float = 0.0  # half a unit of the printed rate's last digit
    # "decreasing": no start value is printed and the rate reconciles only as target / result (see
    # ``_decreasing_check``); None: the guide's (C − A) / (B − A)
    direction: str | None = None
    # "to_date": a row of a period's own value (``Nisan-Haziran``) whose printed rate reconciles only with the
    # value to date, the sum of the year's periods so far (see ``_to_date_check``); None: the row's own value
    basis: str | None = None

    @property
    def difference(self) -> float | None:
        if self.expected is None or self.period.reported_rate is None:
            return None
        return self.period.reported_rate - self.expected


@dataclass
class HedefCheck(Zoned):
    hedef: Hedef
    month: int | None
    expected: float | None  # the guide's formula on the recomputed rates
    tolerance: float
    uncapped: float | None  # the same without capping rates to [0, 100]
    capped_single: float | None  # a single-gösterge hedef computed with capping (the other wrong way)
    from_printed: float | None  # the guide's formula on the printed rates
    weight_sum: float | None
    rates: list[tuple[Gosterge, float | None]] = field(default_factory=list)
    tolerance_loose: float = 0.0
    spread: float = 0.0  # how far the producer's exact performance may be from ``expected``
    spread_loose: float = 0.0
    rounding: float = 0.0  # half a unit of the printed performance's last digit
    rate_checks: list[RateCheck | None] = field(default_factory=list)

    @property
    def checkable(self) -> bool:
        """Weights add up to 100 (within their rounding): the recomputed figure means something."""
        n = len(self.hedef.gostergeler)
        return self.weight_sum is not None and abs(self.weight_sum - 100.0) <= fx.half_unit(2) * max(n, 1)

    @property
    def difference(self) -> float | None:
        if self.expected is None or self.hedef.reported_performance is None:
            return None
        return self.hedef.reported_performance - self.expected


@dataclass
class ActivityCheck(Zoned):
    hedef: Hedef
    faaliyet: Faaliyet
    expected: float | None
    tolerance: float
    tolerance_loose: float = 0.0

    @property
    def difference(self) -> float | None:
        r = self.faaliyet.reported_rate
        if self.expected is None or r is None:
            return None
        return r - self.expected


@dataclass
class ReachedCheck(Zoned):
    """A printed value reached (C) against the C its printed period values give for the gösterge's kind
    (``series.py``): the sum for a within-year figure, the last period for a running total or a level."""

    hedef: Hedef
    gosterge: Gosterge
    kind: SeriesKind
    expected: float | None  # C from the periods by the kind (None when the kind is not known)
    tolerance: float
    tolerance_loose: float = 0.0
    last: float | None = None  # the two readings, for a gösterge of unknown kind and for the message
    total: float | None = None
    tolerances: dict[str, tuple[float, float]] = field(default_factory=dict)  # reading -> (strict, loose)

    @property
    def difference(self) -> float | None:
        r = self.gosterge.reached
        if self.expected is None or r is None or r.actual is None:
            return None
        return r.actual - self.expected

    def matches(self, reading: str) -> bool:
        """Whether the printed C is within the loose allowance of ``reading`` ("last" or "total")."""
        r = self.gosterge.reached
        value = self.last if reading == "last" else self.total
        if r is None or r.actual is None or value is None:
            return False
        return abs(r.actual - value) <= self.tolerances[reading][1] + EPS


@dataclass
class Aggregate:
    """A recomputed hedef (PH-weighted if split), amaç or overall figure with how far the producer's exact
    figure may stand from it (``spread``: the inputs' rounding) and how far the figure computed from the
    printed (rounded) parts stands from it when those parts reconcile (``printed_gap``)."""

    value: float
    spread: float = 0.0
    spread_loose: float = 0.0
    printed: float | None = None  # the same from the printed parts
    printed_gap: float = 0.0  # |printed − value| when every printed part reconciles, else 0
    reconciles: bool = True  # every printed part reconciles

    def allowance(self, rounding: float, loose: bool = False) -> float:
        """The tolerance of a printed figure rounded to ``rounding`` (half a unit) that states this value."""
        return rounding + max(self.spread_loose if loose else self.spread, self.printed_gap) + EPS


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
    hedef_aggregates: dict[tuple[str, str], Aggregate] = field(default_factory=dict)
    amac_aggregates: dict[str, Aggregate] = field(default_factory=dict)
    overall_aggregate: Aggregate | None = None
    reached: list[ReachedCheck] = field(default_factory=list)
    # set by the rule engine, for every output: the configuration used ({"path", "sha256"} or None) and the
    # suppressions that matched no finding
    config: dict | None = None
    unused_suppressions: list[dict] = field(default_factory=list)

    def hedef_check(self, h: Hedef) -> HedefCheck | None:
        return next((c for c in self.hedefler if c.hedef is h), None)


def latest_period(g: Gosterge, month: int | None) -> Period | None:
    periods = g.rated_periods()
    if not periods:
        return None
    if month is not None:
        for p in periods:
            if p.month == month:
                return p
    return periods[-1]


def _reached_check(h: Hedef, g: Gosterge) -> ReachedCheck | None:
    """C against its periods, when the layout prints both and every period has a value."""
    r = g.reached
    ps = sorted((p for p in g.periods if p.month is not None), key=lambda p: p.month)  # type: ignore[arg-type, return-value]
    if r is None or r.actual is None or not ps or any(p.actual is None for p in ps):
        return None
    kind = series_kind(g)
    whole = CANONICAL_UNITS.get(g.unit or "") == "count"
    values = [p.actual for p in ps]
    tols: dict[str, tuple[float, float]] = {}
    for reading, k in (("last", "cumulative"), ("total", "flow")):
        pair = []
        for loose in (False, True):
            halves = [fx.input_half_unit(p.actual, printed_decimals_or_none(p.evidence, "actual"), whole=whole,
                                         loose=loose) for p in ps]
            own = fx.input_half_unit(r.actual, printed_decimals_or_none(r.evidence, "actual"), whole=whole,
                                     loose=loose)
            pair.append(fx.reached_tolerance(k, halves, own))
        tols[reading] = (pair[0], pair[1])
    last = fx.reached_from_periods("cumulative", values)  # type: ignore[arg-type]
    total = fx.reached_from_periods("flow", values)  # type: ignore[arg-type]
    expected = fx.reached_from_periods(kind.kind, values) if kind.kind else None  # type: ignore[arg-type]
    strict, loose = tols["total" if kind.kind == "flow" else "last"]
    return ReachedCheck(h, g, kind, expected, strict, loose, last=last, total=total, tolerances=tols)


def _rate_check(h: Hedef, g: Gosterge, p: Period) -> RateCheck:
    missing = [n for n, v in (("actual", p.actual), ("target", g.target)) if v is None]
    if missing:
        return RateCheck(h, g, p, None, 0.0, missing)
    expected = fx.indicator_rate(p.actual, g.target, g.baseline)
    if expected is None:
        return RateCheck(h, g, p, None, 0.0, not_computable=True)
    whole = CANONICAL_UNITS.get(g.unit or "") == "count"
    inputs = [(p.actual, printed_decimals_or_none(p.evidence, "actual")),
              (g.target, printed_decimals_or_none(g.evidence, "target")),
              (g.baseline, printed_decimals_or_none(g.evidence, "baseline"))]
    spreads = []
    for loose in (False, True):
        deltas = [fx.input_half_unit(v, d, whole=whole, loose=loose) for v, d in inputs]
        spreads.append(fx.indicator_rate_spread(p.actual, g.target, g.baseline, deltas))  # type: ignore[arg-type]
    rounding = fx.half_unit(printed_decimals(p.evidence, "reported_rate"))
    rc = RateCheck(h, g, p, expected, rounding + spreads[0], tolerance_loose=rounding + spreads[1],
                   spread=spreads[0], spread_loose=spreads[1], rounding=rounding)
    if g.baseline is None and rc.flagged:
        rc = _decreasing_check(rc, inputs, whole) or rc
    if rc.flagged and p.start is not None and p.start > 1:
        rc = _to_date_check(rc, inputs, whole) or rc
    return rc


def _to_date_check(rc: RateCheck, inputs: list, whole: bool) -> RateCheck | None:
    """A row labelled with a span after January (``Nisan-Haziran``, ``Period.start``) holds that period's own
    value; its printed rate may still be the guide's rate on the value reached so far (C: the sum of the
    year's periods up to it). A printed rate that misses the row's own value but reconciles with the value to
    date is read so (``RateCheck.basis``); one that reconciles with neither is flagged as before, against the
    row's own value."""
    g, p = rc.gosterge, rc.period
    if p.month is None:
        return None
    c = value_to_date(g, p.month)
    if c is None or c == p.actual:
        return None
    expected = fx.indicator_rate(c, g.target, g.baseline)
    if expected is None:
        return None
    # C's rounding is every summed period's; B's and A's as in the row's own check (``inputs``)
    summed = [(q.actual, printed_decimals_or_none(q.evidence, "actual")) for q in g.periods
              if q.month is not None and q.month <= p.month]
    spreads = []
    for loose in (False, True):
        deltas = [fx.input_half_unit(v, d, whole=whole, loose=loose) for v, d in inputs[1:]]
        dc = sum(fx.input_half_unit(v, d, whole=whole, loose=loose) for v, d in summed)
        spreads.append(fx.indicator_rate_spread(c, g.target, g.baseline, [dc, *deltas]))  # type: ignore[arg-type]
    alt = RateCheck(rc.hedef, g, p, expected, rc.rounding + spreads[0], tolerance_loose=rc.rounding + spreads[1],
                    spread=spreads[0], spread_loose=spreads[1], rounding=rc.rounding, basis="to_date")
    return alt if alt.reconciles else None


def _decreasing_check(rc: RateCheck, inputs: list, whole: bool) -> RateCheck | None:
    """A table with no start value (A) cannot say an indicator is meant to fall, except by its rate: a duration
    or a count to reduce (5 days aimed, 4 reached) is printed target / result (%125, ``fx.decreasing_rate``). A
    printed rate that misses C / B but reconciles with B / C is read as a decreasing indicator, checked on that
    formula (``RateCheck.direction``); a rate that reconciles with neither is flagged against C / B as before."""
    g, p = rc.gosterge, rc.period
    inverse = fx.decreasing_rate(p.actual, g.target)
    if inverse is None:
        return None
    (c, dc), (b, db) = inputs[0], inputs[1]
    spreads = [fx.indicator_rate_spread(b, c, None, [fx.input_half_unit(b, db, whole=whole, loose=loose),
                                                     fx.input_half_unit(c, dc, whole=whole, loose=loose)])
               for loose in (False, True)]
    alt = RateCheck(rc.hedef, g, p, inverse, rc.rounding + spreads[0], tolerance_loose=rc.rounding + spreads[1],
                    spread=spreads[0], spread_loose=spreads[1], rounding=rc.rounding, direction="decreasing")
    return alt if alt.reconciles else None


def _hedef_check(h: Hedef, rate_of: dict[int, RateCheck]) -> HedefCheck:
    months = [p.month for g in h.gostergeler for p in g.rated_periods() if p.month is not None]
    month = max(months) if months else None
    exact: list[tuple[float, float, float]] = []  # weight, recomputed rate, its spread (strict)
    exact_loose: list[tuple[float, float, float]] = []
    printed: list[tuple[float, float]] = []
    rates: list[tuple[Gosterge, float | None]] = []
    rate_checks: list[RateCheck | None] = []
    complete = True
    for g in h.gostergeler:
        p = latest_period(g, month)
        rc = rate_of.get(id(p)) if p is not None else None
        rate_checks.append(rc)
        rate = rc.expected if rc is not None else None
        rates.append((g, rate))
        if g.weight is None or rate is None or rc is None:
            complete = False
        else:
            spread, spread_loose = rc.spread, rc.spread_loose
            if rc.reconciles:
                # the printed rate reconciles: the producer's own rate was within half a unit of it; and the
                # producer may have computed the hedef from the printed (rounded) rate itself
                gap = abs(rc.difference)  # type: ignore[arg-type]
                spread = max(min(spread, gap + rc.rounding), gap)
                spread_loose = max(min(spread_loose, gap + rc.rounding), gap)
            exact.append((g.weight, rate, spread))
            exact_loose.append((g.weight, rate, spread_loose))
        if g.weight is not None and p is not None and p.reported_rate is not None:
            printed.append((g.weight, p.reported_rate))
    weights = [g.weight for g in h.gostergeler if g.weight is not None]
    weight_sum = sum(weights) if weights else None
    if not complete or not exact:
        return HedefCheck(h, month, None, 0.0, None, None,
                          fx.hedef_performance(printed) if printed else None, weight_sum, rates,
                          rate_checks=rate_checks)
    pairs = [(w, r) for w, r, _ in exact]
    expected = fx.hedef_performance(pairs)
    wdec = max((printed_decimals(g.evidence, "weight") for g in h.gostergeler), default=2)
    weights_exact = weight_sum is not None and abs(weight_sum - 100.0) < 1e-9
    rounding = fx.half_unit(printed_decimals(h.evidence, "reported_performance"))
    tol = fx.hedef_performance_tolerance(exact, wdec, None, weights_exact=weights_exact) - fx.half_unit(None)
    tol_loose = fx.hedef_performance_tolerance(exact_loose, wdec, None, weights_exact=weights_exact) \
        - fx.half_unit(None)
    single = len(pairs) == 1
    uncapped = None if single else fx.hedef_performance(pairs, capped=False)
    capped_single = fx.clamp(pairs[0][1]) * pairs[0][0] / 100.0 if single else None
    from_printed = fx.hedef_performance(printed) if len(printed) == len(pairs) else None
    return HedefCheck(h, month, expected, rounding + tol, uncapped, capped_single, from_printed, weight_sum, rates,
                      tolerance_loose=rounding + tol_loose, spread=tol, spread_loose=tol_loose, rounding=rounding,
                      rate_checks=rate_checks)


def _ph_weights(report: Report, amac: str, hedef: str) -> dict[str, float]:
    """PH weights from the summary, keyed by the detail's PH code (matched by title when they disagree)."""
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
    reached: list[ReachedCheck] = []
    for h in report.hedefler:
        for g in h.gostergeler:
            if (cc := _reached_check(h, g)) is not None:
                reached.append(cc)
            for p in g.rated_periods():
                rc = _rate_check(h, g, p)
                rates.append(rc)
                rate_of[id(p)] = rc
    checks = [_hedef_check(h, rate_of) for h in report.hedefler]
    activities = [_activity_check(h, f) for h in report.hedefler for f in h.faaliyetler]
    aggs: dict[tuple[str, str], Aggregate] = {}
    for key in report.hedef_keys():
        blocks = [c for c in checks if (c.hedef.amac, c.hedef.hedef) == key]
        if len(blocks) == 1 and not blocks[0].hedef.performans_hedefi:
            agg = block_aggregate(blocks[0])
            if agg is not None:
                aggs[key] = agg
            continue
        weights = _ph_weights(report, *key)
        default = 100.0 / len(blocks)
        parts = [(block_aggregate(c), weights.get(c.hedef.performans_hedefi or "", default)) for c in blocks]
        if all(a is not None for a, _ in parts):
            aggs[key] = _combine([(a, w / 100.0) for a, w in parts])  # type: ignore[misc]
    values = {k: a.value for k, a in aggs.items()}
    printed: dict[tuple[str, str], float] = {}
    for key in report.hedef_keys():
        blocks = [c for c in checks if (c.hedef.amac, c.hedef.hedef) == key]
        if len(blocks) == 1 and not blocks[0].hedef.performans_hedefi:
            if blocks[0].hedef.reported_performance is not None:
                printed[key] = blocks[0].hedef.reported_performance
            continue
        weights = _ph_weights(report, *key)
        default = 100.0 / len(blocks)
        if all(c.hedef.reported_performance is not None for c in blocks):
            printed[key] = fx.split_hedef_performance(
                [(c.hedef.reported_performance, weights.get(c.hedef.performans_hedefi or "", default))  # type: ignore[misc]
                 for c in blocks])
    amac_aggs: dict[str, Aggregate] = {}
    amac_printed: dict[str, float] = {}
    for amac in report.amac_codes():
        keys = [k for k in report.hedef_keys() if k[0] == amac]
        v = [aggs[k] for k in keys if k in aggs]
        if v and len(v) == len(keys):
            amac_aggs[amac] = _combine([(a, 1.0 / len(v)) for a in v])
        pv = [printed[k] for k in printed if k[0] == amac]
        if pv:
            amac_printed[amac] = fx.mean(pv)  # type: ignore[assignment]
    amac_values = {a: g.value for a, g in amac_aggs.items()}
    overall_agg = None
    if amac_aggs and len(amac_aggs) == len(report.amac_codes()):
        overall_agg = _combine([(a, 1.0 / len(amac_aggs)) for a in amac_aggs.values()])
    overall = overall_agg.value if overall_agg else None
    overall_printed = fx.mean(list(amac_printed.values())) if amac_printed else None
    return Recomputed(rates, checks, activities, values, printed, amac_values, amac_printed, overall, overall_printed,
                      aggs, amac_aggs, overall_agg, reached=reached)


def _activity_check(h: Hedef, f: Faaliyet) -> ActivityCheck:
    exp = fx.activity_rate(f.spent, f.budget)
    if exp is None:
        return ActivityCheck(h, f, None, 0.0)
    decs = [printed_decimals_or_none(f.evidence, "spent"), printed_decimals_or_none(f.evidence, "budget")]
    rounding = fx.half_unit(printed_decimals(f.evidence, "reported_rate"))
    tols = []
    for loose in (False, True):
        ds, db = (fx.input_half_unit(v, d, loose=loose) for v, d in zip((f.spent, f.budget), decs))
        tols.append(rounding + 100.0 * (ds / abs(f.budget) + abs(f.spent) * db / f.budget ** 2))  # type: ignore[arg-type, operator]
    return ActivityCheck(h, f, exp, tols[0], tols[1])


def block_aggregate(c: HedefCheck) -> Aggregate | None:
    """A hedef block's figure as the summary builds on it: recomputed, or the printed one when the weights make
    recomputing meaningless (then its own rounding is its spread)."""
    rep = c.hedef.reported_performance
    if c.checkable and c.expected is not None:
        rec = c.reconciles
        gap = abs(rep - c.expected) if rec and rep is not None else 0.0
        return Aggregate(c.expected, c.spread, c.spread_loose, rep, gap, rec)
    if rep is None:
        return None
    half = fx.half_unit(printed_decimals(c.hedef.evidence, "reported_performance"))
    return Aggregate(rep, half, half, rep, 0.0, True)


def _combine(parts: list[tuple[Aggregate, float]]) -> Aggregate:
    """Σ factor × part, with spreads and gaps carried the same way."""
    value = sum(a.value * k for a, k in parts)
    spread = sum(a.spread * k for a, k in parts)
    spread_loose = sum(a.spread_loose * k for a, k in parts)
    rec = all(a.reconciles and a.printed is not None for a, _ in parts)
    printed = sum(a.printed * k for a, k in parts) if rec else None  # type: ignore[operator]
    gap = abs(printed - value) if printed is not None else 0.0
    return Aggregate(value, spread, spread_loose, printed, gap, rec)
