"""The summary part against the detail tables: hedef and PH percentages, PH weights, amaç rates, the overall
rate, and the counts the report declares."""

from __future__ import annotations

from collections.abc import Iterable

from ..normalising.numbers import decimals_of
from ..recomputing import formulas as fx
from ..recomputing.report import Aggregate, block_aggregate
from .base import Context, Finding, make, rule
from ..recomputing.matching import match_ph

SUMMARY_RULE = ("Özet tablolar ayrıntı tablolarını özetler: her hedefin yüzdesi hedef kartındaki performansın, "
                "amaç yüzdesi hedeflerin ortalamasının, genel oran amaçların ortalamasının yuvarlanmış halidir. "
                "Tam sayı yüzdeler ±0,5 (ve girdilerin yuvarlaması) kadar sapabilir.")
SUMMARY_RULE_EN = ("The summary tables restate the detail tables: each hedef percentage is its block's performance, "
                   "an amaç's the mean of its hedefler, the overall rate the mean of the amaçlar, rounded. An "
                   "integer percentage may be off by 0.5 (plus the inputs' rounding).")


FROM_DETAIL = {"tr": " Basılı hedef kartlarıyla tutuyor: fark ayrıntı tablolarındaki hatalardan geliyor.",
               "en": " It matches the printed detail tables: the difference comes from errors there."}


def _because(value: float, printed_detail: float | None, tol: float) -> dict[str, str] | str:
    """The message's explanation when the printed figure matches the printed (wrong) detail; the engine then
    links the finding to the detail's finding as its consequence (``caused_by``)."""
    return FROM_DETAIL if printed_detail is not None and abs(value - printed_detail) <= tol else ""


def _tol(cell_text: str | None, extra: float = 0.0) -> float:
    return fx.half_unit(decimals_of(cell_text) if cell_text else 0) + extra


def _figure_decimals(text: str, value: float) -> int:
    """Decimals of the printed figure equal to ``value`` in a cell or a sentence ("yaklaşık %34",
    "%65,00 olmuştur"); from the value itself when the text does not show it."""
    import re

    from ..normalising.numbers import parse_number

    for m in re.finditer(r"\d[\d.,]*", text or ""):
        token = m.group(0).rstrip(".,")
        v = parse_number(token)
        if v is not None and abs(v - value) < 1e-9:
            d = decimals_of(token)
            if d is not None:
                return d
    return 0 if float(value).is_integer() else len(f"{value}".split(".")[1])


def _uncapped_hedef_values(ctx: Context) -> dict[tuple[str, str], float]:
    """Each hedef's performance computed without capping its gösterge rates at 100 / 0 (the wrong way)."""
    from ..recomputing.report import _ph_weights

    out: dict[tuple[str, str], float] = {}
    for key in ctx.report.hedef_keys():
        blocks = [c for c in ctx.recomputed.hedefler if (c.hedef.amac, c.hedef.hedef) == key]
        vals = [c.uncapped if c.uncapped is not None else c.expected for c in blocks]
        if any(v is None for v in vals):
            continue
        if len(blocks) == 1 and not blocks[0].hedef.performans_hedefi:
            out[key] = vals[0]  # type: ignore[assignment]
            continue
        weights = _ph_weights(ctx.report, *key)
        default = 100.0 / len(blocks)
        out[key] = sum(v * weights.get(c.hedef.performans_hedefi or "", default) / 100.0  # type: ignore[operator]
                       for v, c in zip(vals, blocks))
    return out


SUBSET_PRECISION = 0.06  # the allowance up to which a match with a candidate mean is no coincidence (one decimal)


def favourable_subset(value: float, parts: dict[str, float], uncapped: dict[str, float] | None,
                      tol: float) -> dict | None:
    """Which favourable way of averaging gives the printed ``value`` when the mean of all ``parts`` does not:
    the mean with the k lowest parts left out (k = 1 … n−1; the Court's case: indicators that missed their
    target left out), the mean of the parts that reached 100, or the mean of the uncapped figures. Only these
    few candidates are tried, only for a figure printed precisely enough (an allowance up to
    ``SUBSET_PRECISION``: "%39" is within 0,5 of some subset mean by chance, "38,64" is not), and only when
    exactly one candidate matches, so that a coincidence is not reported as a fact."""
    if len(parts) < 2:
        return None
    order = sorted(parts, key=lambda k: parts[k])
    candidates: list[tuple[str, list[str], float]] = []
    for k in range(1, len(order)):
        kept = order[k:]
        candidates.append(("lowest_left_out", order[:k], sum(parts[x] for x in kept) / len(kept)))
    reached = [x for x in order if parts[x] >= 100.0 - 1e-9]
    if 0 < len(reached) < len(order):
        candidates.append(("reached_only", [x for x in order if x not in reached],
                           sum(parts[x] for x in reached) / len(reached)))
    if uncapped and set(uncapped) == set(parts) and any(abs(uncapped[x] - parts[x]) > 1e-6 for x in parts):
        candidates.append(("uncapped", [], sum(uncapped.values()) / len(uncapped)))
    if tol > SUBSET_PRECISION:
        return None  # an integer percentage is within 0,5 of one candidate or another by chance
    matches = [(kind, left_out, mean) for kind, left_out, mean in candidates if abs(value - mean) <= tol]
    if len(matches) != 1:
        return None
    kind, left_out, mean = matches[0]
    return {"kind": kind, "left_out": left_out, "mean": mean, "all": order}


def _zone(value: float, agg: Aggregate, rounding: float, gap: float = 0.0) -> dict | None:
    """The comparison of a printed summary figure with its recomputed aggregate: None when it reconciles,
    else the make() keywords (tolerances, and ``doubtful`` when it may still be rounding). ``gap``: how far the
    same mean over the summary's own printed (rounded) parts stands from the recomputed value, when those parts
    reconcile — a producer may average the rounded percentages it printed."""
    tol = max(agg.allowance(rounding), rounding + gap)
    loose = max(agg.allowance(rounding, loose=True), rounding + gap)
    d = abs(value - agg.value)
    if d <= tol:
        return None
    return {"tolerance": tol, "tolerance_loose": loose, "doubtful": d <= loose}


@rule(id="IZ401", name="summary-hedef-mismatch", category="summary", severity="error",
      message_tr="Özet tablo {where} için {reported} diyor; yeniden hesaplanan {expected}.{because}",
      message_en="The summary table gives {where} as {reported}; recomputed, it is {expected}.{because}",
      rationale_tr=SUMMARY_RULE, rationale_en=SUMMARY_RULE_EN,
      example="Hedef kartı 61,21 → özet %61 doğru; %66 basılmışsa IZ401.")
def summary_hedef_mismatch(ctx: Context) -> Iterable[Finding]:
    aggs = ctx.recomputed.hedef_aggregates  # compared with the recomputed figure: a wrong detail is its own finding
    for a in ctx.report.summary.amaclar:
        for sh in a.hedefler:
            agg = aggs.get((a.amac, sh.hedef))
            c = sh.evidence.cells.get("reported_performance")
            if agg is None or sh.reported_performance is None:
                continue
            zone = _zone(sh.reported_performance, agg, _tol(c.text if c else None), _ph_parts_gap(ctx, a.amac, sh, agg.value))
            if zone:
                yield make("IZ401", None, amac=a.amac, hedef=sh.hedef, cell=c, row_page=sh.evidence.page,
                           row_bbox=sh.evidence.bbox, reported=sh.reported_performance, expected=agg.value,
                           where=f"{a.amac} {sh.hedef}", **zone,
                           because=_because(sh.reported_performance, ctx.recomputed.hedef_printed.get(
                               (a.amac, sh.hedef)), zone["tolerance_loose"]))


@rule(id="IZ402", name="summary-ph-mismatch", category="summary", severity="error",
      message_tr="Özet tabloda {where} için {what} {reported}; yeniden hesaplanan {expected}.",
      message_en="The summary table gives {where}'s {what} as {reported}; recomputed, it is {expected}.",
      rationale_tr=SUMMARY_RULE + " Performans hedefine bölünmüş bir hedefin performansı = Σ PH performansı × "
                   "PH hedefe etkisi.",
      rationale_en=SUMMARY_RULE_EN + " A hedef split into performans hedefleri = Σ PH performance × PH weight.",
      example="PH kartı 48,60 → özet %49 doğru.")
def summary_ph_mismatch(ctx: Context) -> Iterable[Finding]:
    for a in ctx.report.summary.amaclar:
        for sh in a.hedefler:
            blocks = [b for b in ctx.report.hedefler if (b.amac, b.hedef) == (a.amac, sh.hedef) and b.performans_hedefi]
            for b in blocks:
                ph = match_ph(b, sh.performans_hedefleri)
                hc = ctx.recomputed.hedef_check(b)
                agg = block_aggregate(hc) if hc is not None else None
                if ph is None or ph.reported_performance is None or agg is None:
                    continue
                c = ph.evidence.cells.get("reported_performance")
                zone = _zone(ph.reported_performance, agg, _tol(c.text.split("(")[0] if c else "49%"))
                if zone:
                    yield make("IZ402", b, cell=c, row_page=ph.evidence.page, row_bbox=ph.evidence.bbox,
                               reported=ph.reported_performance, expected=agg.value, **zone,
                               where=f"{a.amac} {sh.hedef} {b.performans_hedefi}",
                               what={"tr": "performans", "en": "performance"})


@rule(id="IZ205", name="ph-weights-not-100", category="weights", severity="error",
      message_tr="{where}: performans hedeflerinin hedefe etkileri toplamı {reported}, 100 olmalı.",
      message_en="{where}: the performans hedefleri's weights add up to {reported}, not 100.",
      rationale_tr="Performans hedeflerine bölünmüş bir hedefte PH hedefe etkileri hedefin tamamını paylaştırır.",
      rationale_en="In a hedef split into performans hedefleri, their weights share out the whole hedef.",
      example="%50 + %40 = %90.")
def ph_weights_not_100(ctx: Context) -> Iterable[Finding]:
    for a in ctx.report.summary.amaclar:
        for sh in a.hedefler:
            weights = [p.weight for p in sh.performans_hedefleri if p.weight is not None]
            if len(weights) >= 2 and abs(sum(weights) - 100.0) > 0.5 * len(weights):
                p0 = sh.performans_hedefleri[0]
                yield make("IZ205", None, amac=a.amac, hedef=sh.hedef, cell=p0.evidence.cells.get("reported_performance"),
                           row_page=p0.evidence.page, row_bbox=p0.evidence.bbox, reported=sum(weights),
                           expected=100.0, where=f"{a.amac} {sh.hedef}")


@rule(id="IZ403", name="summary-amac-mismatch", category="summary", severity="error",
      message_tr="{amac_code} için özet {reported} diyor; hedeflerin yeniden hesaplanan ortalaması {expected}.{because}",
      message_en="The summary gives {amac_code} as {reported}; the mean of its recomputed hedefler is {expected}.{because}",
      rationale_tr="Rapora göre bir amacın gerçekleşme oranı hedeflerinin ortalamasıdır. " + SUMMARY_RULE,
      rationale_en="By the report's own method an amaç's rate is the mean of its hedefler. " + SUMMARY_RULE_EN,
      example="Hedefler 61 / 42 / 30 / 66 / 32 / 22 → ortalama 42.")
def summary_amac_mismatch(ctx: Context) -> Iterable[Finding]:
    for a, agg, value, cell, ev, where, zone in _amac_figures(ctx):
        if zone and not _amac_subset(ctx, a.amac, value, zone):
            yield make("IZ403", None, amac=a.amac, cell=cell, row_page=ev.page, row_bbox=ev.bbox,
                       reported=value, expected=agg.value, amac_code=a.amac, field=where, **zone,
                       because=_because(value, ctx.recomputed.amac_printed.get(a.amac), zone["tolerance_loose"]))


def _amac_figures(ctx: Context):
    """Each printed amaç rate (the summary table's and the counts table's) with its recomputed aggregate and the
    zone its difference falls in (None when it reconciles): what IZ403 and IZ407 both judge."""
    for a in ctx.report.summary.amaclar:
        agg = ctx.recomputed.amac_aggregates.get(a.amac)
        if agg is None:
            continue
        sources = [(a.reported_rate, a.evidence.cells.get("reported_rate"), a.evidence, None)]
        if a.counts is not None:
            sources.append((a.counts.reported_rate, a.counts.evidence.cells.get("reported_rate"), a.counts.evidence,
                            "sayim"))
        for value, cell, ev, where in sources:
            if value is None:
                continue
            zone = _zone(value, agg, _tol(cell.text if cell else None), _summary_parts_gap(ctx, a.amac, agg.value))
            yield a, agg, value, cell, ev, where, zone


@rule(id="IZ404", name="overall-rate-mismatch", category="summary", severity="error",
      message_tr="Raporun genel gerçekleşme oranı {reported}; amaçların yeniden hesaplanan ortalaması {expected}.{because}",
      message_en="The report's overall rate is {reported}; the mean of the recomputed amaçlar is {expected}.{because}",
      rationale_tr="Rapora göre genel oran amaçların ortalamasıdır. " + SUMMARY_RULE,
      rationale_en="By the report's own method the overall rate is the mean of the amaçlar. " + SUMMARY_RULE_EN,
      example="Amaçlar 42 / 27 / 41 / 33 / 25 → 33,6; '%34' doğru.")
def overall_rate_mismatch(ctx: Context) -> Iterable[Finding]:
    figure = _overall_figure(ctx)
    if figure is None:
        return
    s, agg, c, zone = figure
    if zone and not _overall_subset(ctx, s.overall_rate, zone):
        yield make("IZ404", None, cell=c, row_page=s.overall_evidence.page, row_bbox=s.overall_evidence.bbox,
                   reported=s.overall_rate, expected=agg.value, **zone,
                   because=_because(s.overall_rate, ctx.recomputed.overall_printed, zone["tolerance_loose"]))


def _overall_figure(ctx: Context):
    """The printed overall rate with its recomputed aggregate, its cell and the zone its difference falls in
    (None when it reconciles), or None when either is missing: what IZ404 and IZ407 both judge."""
    s = ctx.report.summary
    agg = ctx.recomputed.overall_aggregate
    if s.overall_rate is None or agg is None:
        return None
    c = s.overall_evidence.cells.get("overall_rate")
    d = _figure_decimals(c.text if c is not None else "", s.overall_rate)
    return s, agg, c, _zone(s.overall_rate, agg, fx.half_unit(d), _overall_parts_gap(ctx, agg.value))


@rule(id="IZ405", name="declared-count-mismatch", category="counts", severity="warning",
      message_tr="Rapor metni {declared} {what} diyor; tablolarda {counted} {what} var.",
      message_en="The report's text declares {declared} {what}; the tables hold {counted}.",
      rationale_tr="Giriş bölümünde beyan edilen amaç, hedef, gösterge ve faaliyet sayıları tablolarla "
                   "tutmalıdır; tutmuyorsa ya tablolar eksik/fazla ya da metin eskidir.",
      rationale_en="The numbers of amaç, hedef, gösterge and faaliyet the text declares must match the tables; if "
                   "not, tables are missing or extra, or the text is stale.",
      example="'203 gösterge' denmiş, tablolarda 206 gösterge var.")
def declared_count_mismatch(ctx: Context) -> Iterable[Finding]:
    d = ctx.report.summary.declared_totals
    if d is None:
        return
    counts = ctx.report.counts()
    c = d.evidence.cells.get("text")
    for key in ("amac", "hedef", "gosterge", "faaliyet"):
        declared = getattr(d, key)
        if declared is not None and declared != counts[key]:
            yield make("IZ405", None, cell=c, row_page=d.evidence.page, row_bbox=d.evidence.bbox,
                       reported=float(declared), expected=float(counts[key]), declared=declared, field=key,
                       counted=counts[key], what=key.replace("amac", "amaç").replace("gosterge", "gösterge"))


@rule(id="IZ406", name="summary-count-mismatch", category="counts", severity="warning",
      message_tr="{amac_code} sayım tablosu {declared} {what} diyor; ayrıntı tablolarında {counted} var.",
      message_en="{amac_code}'s counts table says {declared} {what}; the detail tables hold {counted}.",
      rationale_tr="Amaç bazındaki sayım tablosu (Hedef / Gösterge / Faaliyet) o amacın hedef kartlarını saymalıdır.",
      rationale_en="The per-amaç counts table (Hedef / Gösterge / Faaliyet) must count that amaç's hedef blocks.",
      example="Amaç 1: 40 gösterge denmiş, kartlarda 41.")
def summary_count_mismatch(ctx: Context) -> Iterable[Finding]:
    r = ctx.report
    for a in r.summary.amaclar:
        if a.counts is None:
            continue
        blocks = [h for h in r.hedefler if h.amac == a.amac]
        counted = {"hedef": len({h.hedef for h in blocks}), "gosterge": sum(len(h.gostergeler) for h in blocks),
                   "faaliyet": sum(len(h.faaliyetler) for h in blocks)}
        for key, n in counted.items():
            declared = getattr(a.counts, key)
            if declared is not None and declared != n:
                yield make("IZ406", None, amac=a.amac, cell=a.counts.evidence.cells.get(key),
                           row_page=a.counts.evidence.page, row_bbox=a.counts.evidence.bbox,
                           reported=float(declared), expected=float(n), declared=declared, counted=n, field=key,
                           amac_code=a.amac, what=key.replace("gosterge", "gösterge"))


def _ph_parts_gap(ctx: Context, amac: str, sh, value: float) -> float:
    """|Σ printed PH percentage × PH weight − recomputed hedef| for a hedef the summary splits into performans
    hedefleri, when each printed PH percentage reconciles with its block: a producer may build the hedef's
    percentage from the rounded PH percentages it printed."""
    phs = sh.performans_hedefleri
    if not phs or any(p.reported_performance is None or p.weight is None for p in phs):
        return 0.0
    for b in ctx.report.hedefler:
        if (b.amac, b.hedef) != (amac, sh.hedef) or not b.performans_hedefi:
            continue
        ph = match_ph(b, phs)
        hc = ctx.recomputed.hedef_check(b)
        agg = block_aggregate(hc) if hc is not None else None
        if ph is None or agg is None:
            return 0.0
        c = ph.evidence.cells.get("reported_performance")
        if _zone(ph.reported_performance, agg, _tol(c.text.split("(")[0] if c else "49%")):  # type: ignore[arg-type]
            return 0.0
    return abs(sum(p.reported_performance * p.weight / 100.0 for p in phs) - value)  # type: ignore[operator]


def _summary_parts(ctx: Context, amac: str) -> list[float] | None:
    """The summary's printed hedef percentages of an amaç, when there is one per hedef and each reconciles."""
    a = ctx.report.summary.amac(amac)
    aggs = ctx.recomputed.hedef_aggregates
    keys = [k for k in ctx.report.hedef_keys() if k[0] == amac]
    if a is None or not keys or len(a.hedefler) != len(keys):
        return None
    vals = []
    for sh in a.hedefler:
        agg = aggs.get((amac, sh.hedef))
        c = sh.evidence.cells.get("reported_performance")
        if agg is None or sh.reported_performance is None or _zone(
                sh.reported_performance, agg, _tol(c.text if c else None), _ph_parts_gap(ctx, amac, sh, agg.value)):
            return None
        vals.append(sh.reported_performance)
    return vals


def _summary_parts_gap(ctx: Context, amac: str, value: float) -> float:
    """|mean of the summary's printed hedef percentages − recomputed amaç| when each of them reconciles."""
    vals = _summary_parts(ctx, amac)
    return abs(sum(vals) / len(vals) - value) if vals else 0.0


def _overall_parts_gap(ctx: Context, value: float) -> float:
    """How far the overall mean over the summary's own printed parts stands from the recomputed overall: over
    the printed amaç rates, or over the (unrounded) means of the printed hedef percentages, when they
    reconcile."""
    aggs = ctx.recomputed.amac_aggregates
    codes = ctx.report.amac_codes()
    amaclar = ctx.report.summary.amaclar
    if not codes or len(amaclar) != len(codes):
        return 0.0
    gaps = [0.0]
    rates = []
    for a in amaclar:
        agg = aggs.get(a.amac)
        c = a.evidence.cells.get("reported_rate")
        if agg is None or a.reported_rate is None or _zone(a.reported_rate, agg, _tol(c.text if c else None),
                                                           _summary_parts_gap(ctx, a.amac, agg.value)):
            rates = []
            break
        rates.append(a.reported_rate)
    if rates:
        gaps.append(abs(sum(rates) / len(rates) - value))
    parts = [_summary_parts(ctx, a.amac) for a in amaclar]
    if all(parts):
        means = [sum(p) / len(p) for p in parts]  # type: ignore[arg-type]
        gaps.append(abs(sum(means) / len(means) - value))
    return max(gaps)


def _amac_subset(ctx: Context, amac: str, value: float, zone: dict) -> dict | None:
    if _because(value, ctx.recomputed.amac_printed.get(amac), zone["tolerance_loose"]):
        return None  # the printed detail explains it: a consequence, not a choice of subset
    parts = {k[1]: a.value for k, a in ctx.recomputed.hedef_aggregates.items() if k[0] == amac}
    unc = {k[1]: v for k, v in _uncapped_hedef_values(ctx).items() if k[0] == amac}
    return favourable_subset(value, parts, unc, zone["tolerance_loose"])


def _overall_subset(ctx: Context, value: float, zone: dict) -> dict | None:
    if _because(value, ctx.recomputed.overall_printed, zone["tolerance_loose"]):
        return None
    parts = {a: g.value for a, g in ctx.recomputed.amac_aggregates.items()}
    unc_h = _uncapped_hedef_values(ctx)
    unc: dict[str, float] = {}
    for a in parts:
        vals = [v for k, v in unc_h.items() if k[0] == a]
        if vals and len(vals) == len([k for k in ctx.report.hedef_keys() if k[0] == a]):
            unc[a] = sum(vals) / len(vals)
    return favourable_subset(value, parts, unc, zone["tolerance_loose"])


SUBSET_TEXT = {
    "lowest_left_out": ("yalnızca {kept} üzerinden alınmış ortalamaya ({mean}) eşit: en düşük {left} dışarıda "
                        "bırakılmış", "equals the mean over {kept} only ({mean}): the lowest, {left}, left out"),
    "reached_only": ("yalnızca hedefine ulaşanların ({kept}) ortalamasına ({mean}) eşit: ulaşamayan {left} "
                     "dışarıda bırakılmış", "equals the mean over those that reached their target ({kept}, "
                     "{mean}): {left} left out"),
    "uncapped": ("gösterge oranları 100'e / 0'a çekilmeden hesaplanmış hedef performanslarının ortalamasına "
                 "({mean}) eşit", "equals the mean of hedef performances computed without capping the rates "
                 "({mean})"),
}


@rule(id="IZ407", name="aggregate-over-favourable-subset", category="summary", severity="error",
      message_tr="{what} {reported} basılmış; hepsinin ortalaması {expected}. Basılı rakam {how}.",
      message_en="{what_en} printed {reported}; the mean over all is {expected}. The printed figure {how_en}.",
      rationale_tr="Sayıştay bulgusu (bir faaliyet raporu, 2015): yayımlanan \"%100,00\" gerçekleşme, hedefine "
                   "ulaşamayan göstergeler dışarıda bırakılarak hesaplanmıştı. Amaç oranı hedeflerin tamamının, "
                   "genel oran amaçların tamamının ortalamasıdır; basılı rakam tutmuyor ama en düşükler "
                   "dışarıda bırakılınca, yalnızca hedefine ulaşanlar alınınca ya da 100'ü aşan oranlar "
                   "sınırlanmadan alınınca tutuyorsa, bulgu bunu söyler. Yalnızca bu birkaç olasılık, yalnızca en "
                   "az bir ondalıkla basılmış rakamlarda ve yalnızca tek bir olasılık tutuyorsa denenir: tam sayı "
                   "bir yüzde (\"%39\") bir alt kümenin ortalamasına rastlantıyla 0,5 yakın olabilir.",
      rationale_en="A Court of Accounts finding (an activity report, 2015): a published '100.00 %' was computed "
                   "after leaving out the indicators that missed their target. An amaç's rate is the mean of all "
                   "its hedefler, the overall rate the mean of all amaçlar; when the printed figure only matches "
                   "with the lowest left out, with only those that reached the target, or with rates above 100 "
                   "left uncapped, the finding says so — only these few candidates, only for figures printed with "
                   "at least one decimal, and only when exactly one matches (an integer '%39' may be within 0.5 of "
                   "some subset's mean by chance).",
      example="Hedefler 80 / 60 / 20 → ortalama 53,33; basılı %70,00 = (80 + 60) / 2: H3 dışarıda bırakılmış.")
def aggregate_over_subset(ctx: Context) -> Iterable[Finding]:
    for a, agg, value, cell, ev, where, zone in _amac_figures(ctx):
        found = zone and _amac_subset(ctx, a.amac, value, zone)
        if found:
            yield _subset_finding(found, zone, value, agg.value, amac=a.amac, cell=cell, ev=ev, where=where,
                                  what=(f"{a.amac} oranı", f"{a.amac}'s rate"))
    figure = _overall_figure(ctx)
    if figure is None:
        return
    s, agg, c, zone = figure
    found = zone and _overall_subset(ctx, s.overall_rate, zone)
    if found:
        yield _subset_finding(found, zone, s.overall_rate, agg.value, amac=None, cell=c, ev=s.overall_evidence,
                              where=None, what=("Genel gerçekleşme oranı", "The overall rate"))


def _subset_finding(found: dict, zone: dict, value: float, expected: float, *, amac, cell, ev, where, what):
    from ..normalising.numbers import format_number

    tr, en = SUBSET_TEXT[found["kind"]]
    import re

    def code_order(x: str) -> tuple:
        return tuple(int(n) for n in re.findall(r"\d+", x)) or (0,)

    left = ", ".join(sorted(found["left_out"], key=code_order))
    parts_all = found.get("all") or []
    kept = ", ".join(sorted((x for x in parts_all if x not in found["left_out"]), key=code_order))
    shown = {"mean": format_number(found["mean"], 2), "left": left, "kept": kept or "—"}
    shown_en = {"mean": format_number(found["mean"], 2, lang="en"), "left": left, "kept": kept or "—"}
    return make("IZ407", None, amac=amac, cell=cell, row_page=ev.page, row_bbox=ev.bbox, reported=value,
                expected=expected, field=where, what=what[0], what_en=what[1], how=tr.format(**shown),
                how_en=en.format(**shown_en), subset=found["kind"], left_out=found["left_out"],
                subset_mean=found["mean"], **zone)
