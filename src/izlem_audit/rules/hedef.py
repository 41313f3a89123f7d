"""Hedef performance: printed vs recomputed, capping errors, weights."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Context, Finding, make, rule

GUIDE_HEDEF = ("Rehber: \"Hedeflerin yıllık gerçekleşme oranları hesaplama formülü: (PG1.1.1 Performansı X Hedefe "
               "Etkisi) + (PG1.1.2 Performansı X Hedefe Etkisi)\".")
GUIDE_CAP = ("Rehber: \"Bir göstergenin performansı yüzde 100'ü aşabilir. Ancak hedef performansının ölçümünde bu "
             "değer 100 olarak alınır.\" \"Bir göstergenin performansı negatif bir değer olabilir. Ancak hedef "
             "performansının ölçümünde bu değer 0 olarak alınır.\" \"Hedefe ilişkin tek bir gösterge belirlenmesi "
             "durumunda hedef performansının ölçümünde bu değer aynen alınır.\"")


def weights_off(hc) -> bool:
    """Weights that do not add up to 100: the hedef performance cannot be checked (IZ204 says why)."""
    return hc.weight_sum is not None and not hc.checkable


def _clamping_kind(hc) -> str | None:
    """Which wrong way of capping the printed figure reproduces, if any."""
    if weights_off(hc):
        return None
    rep = hc.hedef.reported_performance
    if rep is None or hc.expected is None or not hc.flagged:
        return None
    tol = max(hc.tolerance, hc.tolerance_loose)
    if hc.uncapped is not None and abs(hc.uncapped - hc.expected) > tol and abs(rep - hc.uncapped) <= tol:
        return "IZ202"
    if hc.capped_single is not None and abs(hc.capped_single - hc.expected) > tol \
            and abs(rep - hc.capped_single) <= tol:
        return "IZ203"
    return None


@rule(id="IZ201", name="hedef-performance-mismatch", category="target_performance", severity="error",
      message_tr="{where} performansı {reported} basılmış; gösterge oranlarından hesaplanan {expected}.{because}",
      message_en="{where} performance printed {reported}; the gösterge rates give {expected}.{because}",
      rationale_tr=GUIDE_HEDEF + " Basılı hedef performansı, göstergelerin (yeniden hesaplanmış) oranlarının "
                   "hedefe etkileriyle ağırlıklı toplamına eşit olmalıdır. Hata bir gösterge oranından geliyorsa "
                   "mesaj bunu söyler.",
      rationale_en="The printed hedef performance must equal the weighted sum of its göstergeler's (recomputed) "
                   "rates. When a misprinted gösterge rate explains the difference, the message says so.",
      example="Ağırlıklar 40/30/20/10, oranlar 36,03 / 56 / 100 / 100 → 61,21.")
def hedef_performance_mismatch(ctx: Context) -> Iterable[Finding]:
    for hc in ctx.recomputed.hedefler:
        if not hc.flagged or _clamping_kind(hc) or weights_off(hc):
            continue
        h = hc.hedef
        because: dict[str, str] | str = ""
        from_rates = hc.from_printed is not None and \
            abs(hc.from_printed - (h.reported_performance or 0)) <= hc.tolerance_loose
        if from_rates:
            because = {"tr": " Basılı gösterge oranlarıyla hesaplanınca tutuyor: hata gösterge oranlarında.",
                       "en": " It matches the printed gösterge rates: the error is in those rates."}
        yield make("IZ201", h, cell=h.evidence.cells.get("reported_performance"), row_page=h.evidence.page,
                   row_bbox=h.evidence.bbox, reported=h.reported_performance, expected=hc.expected,
                   tolerance=hc.tolerance, tolerance_loose=hc.tolerance_loose, doubtful=hc.doubtful,
                   where=" ".join(x for x in h.key if x), because=because, from_printed_rates=from_rates,
                   month=hc.month)


@rule(id="IZ202", name="capping-not-applied", category="clamping", severity="error",
      message_tr="{where} performansı {reported}: 100'ü aşan ya da negatif gösterge oranları 100'e / 0'a "
                 "çekilmeden hesaplanmış. Doğrusu {expected}.",
      message_en="{where} performance {reported}: computed without capping rates above 100 (or below 0). "
                 "Correct: {expected}.",
      rationale_tr=GUIDE_CAP,
      rationale_en="The guide: a gösterge rate above 100 counts as 100 in the hedef performance, a negative one as "
                   "0; only a hedef with a single gösterge takes its rate as it is.",
      example="Oranlar 120 (ağırlık 40), 50 (30), 57,14 (30): doğru 72,14; sınırlamadan 80,14.")
def capping_not_applied(ctx: Context) -> Iterable[Finding]:
    return _clamping_findings(ctx, "IZ202")


def _clamping_findings(ctx: Context, rule_id: str) -> Iterable[Finding]:
    """One finding per hedef whose printed figure is reproduced by the wrong capping ``rule_id`` names."""
    for hc in ctx.recomputed.hedefler:
        if _clamping_kind(hc) == rule_id:
            h = hc.hedef
            yield make(rule_id, h, cell=h.evidence.cells.get("reported_performance"), row_page=h.evidence.page,
                       row_bbox=h.evidence.bbox, reported=h.reported_performance, expected=hc.expected,
                       tolerance=hc.tolerance, where=" ".join(x for x in h.key if x))


@rule(id="IZ203", name="capping-applied-to-single", category="clamping", severity="error",
      message_tr="{where} tek göstergeli; performansı gösterge oranı olduğu gibi ({expected}) alınmalıyken 100'e "
                 "/ 0'a çekilmiş ({reported}).",
      message_en="{where} has a single gösterge; its performance should be the rate as it is ({expected}), but "
                 "was capped ({reported}).",
      rationale_tr=GUIDE_CAP,
      rationale_en="The guide: when a hedef has a single gösterge, its rate is taken as it is and may exceed 100 "
                   "or be negative.",
      example="Tek gösterge, oran 130 → hedef performansı 130; 100 basılmışsa IZ203.")
def capping_applied_to_single(ctx: Context) -> Iterable[Finding]:
    return _clamping_findings(ctx, "IZ203")


@rule(id="IZ204", name="weights-not-100", category="weights", severity="error",
      message_tr="{where}: göstergelerin hedefe etkileri toplamı {reported}, 100 olmalı; hedef performansı bu "
                 "ağırlıklarla denetlenemez.",
      message_en="{where}: the göstergeler's weights add up to {reported}, not 100; the hedef performance cannot "
                 "be checked against them.",
      rationale_tr=GUIDE_HEDEF + " Hedefe etkiler yüzde olarak hedefin tamamını paylaştırır; toplamları "
                   "100 değilse hedef performansı 100 üzerinden ölçülemez.",
      rationale_en="Weights share out the whole hedef; if they do not add up to 100, the hedef performance is "
                   "not measured out of 100.",
      example="40 + 30 + 20 = 90.")
def weights_not_100(ctx: Context) -> Iterable[Finding]:
    for hc in ctx.recomputed.hedefler:
        h = hc.hedef
        if len([g for g in h.gostergeler if g.weight is not None]) != len(h.gostergeler):
            continue
        total = sum(g.weight for g in h.gostergeler)  # type: ignore[misc]
        if weights_off(hc):
            first = h.gostergeler[0]
            yield make("IZ204", h, cell=first.evidence.cells.get("weight"), row_page=first.evidence.page,
                       row_bbox=first.evidence.bbox, reported=total, expected=100.0,
                       where=" ".join(x for x in h.key if x))
