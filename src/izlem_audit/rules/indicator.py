"""Gösterge rates: printed vs recomputed, missing inputs, figures that cannot be computed, extreme scores."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Context, Finding, make, rule

GUIDE_RATE = ("Rehber: \"Performans göstergeleri yıllık gerçekleşme oranları hesaplama formülü: (C-A) / (B-A)\"; "
              "A plan dönemi başlangıç değeri, B yılsonu hedeflenen değer, C izleme dönemindeki gerçekleşme değeri.")


@rule(id="IZ101", name="indicator-rate-mismatch", category="indicator_rate", severity="error",
      message_tr="{code} {month}. ay: basılı gerçekleşme oranı {reported}, (C−A)/(B−A) ile hesaplanan {expected} "
                 "(C={actual}, B={target}, A={baseline}).",
      message_en="{code} month {month}: printed rate {reported}, (C−A)/(B−A) gives {expected} "
                 "(C={actual}, B={target}, A={baseline}).",
      rationale_tr=GUIDE_RATE + " Basılı oran, tablodaki değerlerden bu formülle çıkmıyorsa ya oran ya da "
                   "değerlerden biri yanlış basılmıştır. Karşılaştırma yuvarlamayı hesaba katar: iki ondalıkla "
                   "basılmış bir oran, son hanenin yarısı ve girdilerin yuvarlamasının taşıdığı kadar sapabilir. "
                   "Kendi döneminin değerini taşıyan bir satırın (\"Nisan-Haziran\") oranı o değerle ya da yılın "
                   "o güne kadarki toplamıyla hesaplanmış olabilir: ikisinden biri tutuyorsa bulgu yoktur.",
      rationale_en="The guide's formula for a gösterge's rate is (C−A)/(B−A). A printed rate that the printed "
                   "values do not give means the rate or one of the values is misprinted. The comparison allows "
                   "for rounding: half a unit of the last printed digit plus what the inputs' rounding carries. "
                   "A row holding its period's own value (\"Nisan-Haziran\") may print the rate of that value or of "
                   "the year's total so far: either reconciles.",
      example="Hedef 50.000, 6. ay gerçekleşme 18.017 → 36,03 doğru; 63,03 basılmışsa IZ101.")
def indicator_rate_mismatch(ctx: Context) -> Iterable[Finding]:
    for rc in ctx.recomputed.rates:
        if rc.flagged:
            p, g, h = rc.period, rc.gosterge, rc.hedef
            yield make("IZ101", h, item=g.code, period=p.month, cell=p.evidence.cells.get("reported_rate"),
                       row_page=p.evidence.page, row_bbox=p.evidence.bbox, reported=p.reported_rate,
                       expected=rc.expected, tolerance=rc.tolerance, tolerance_loose=rc.tolerance_loose,
                       doubtful=rc.doubtful, code=g.printed_code or g.code,
                       month=p.month, actual=p.actual, target=g.target, baseline=g.baseline or 0.0)


@rule(id="IZ102", name="rate-not-computable", category="missing", severity="warning",
      message_tr="{code}: hedef (B={target}) başlangıç değerine (A={baseline}) eşit; oran hesaplanamaz "
                 "(basılı: {reported}).",
      message_en="{code}: the target (B={target}) equals the baseline (A={baseline}); the rate cannot be "
                 "computed (printed: {reported}).",
      rationale_tr=GUIDE_RATE + " B = A olduğunda payda sıfırdır; böyle bir gösterge ölçülemez ve hedefi "
                   "yeniden belirlenmelidir.",
      rationale_en="With B = A the denominator of (C−A)/(B−A) is zero: the gösterge cannot be measured and its "
                   "target needs to be set again.",
      example="A = 5, B = 5, C = 6 → hesaplanamaz.")
def rate_not_computable(ctx: Context) -> Iterable[Finding]:
    for rc in ctx.recomputed.rates:
        if rc.not_computable:
            p, g = rc.period, rc.gosterge
            yield make("IZ102", rc.hedef, item=g.code, period=p.month, cell=g.evidence.cells.get("target"),
                       row_page=p.evidence.page, row_bbox=p.evidence.bbox, reported=p.reported_rate,
                       code=g.printed_code or g.code, target=g.target, baseline=g.baseline or 0.0,
                       reported_text=p.reported_rate if p.reported_rate is not None else "—")


# the values a rate check takes, in each language's words (IZ103, and the value_not_found reading problem)
RATE_INPUT_WORDS = {"actual": ("gerçekleşme", "actual"), "target": ("hedef", "target"),
                    "reported_rate": ("oran", "rate")}


@rule(id="IZ103", name="missing-value", category="missing", severity="error",
      message_tr="{code} {month}. ay: oranın gerektirdiği değer basılmamış ({what}).",
      message_en="{code} month {month}: a value the rate needs is not printed ({what}).",
      rationale_tr="Oranı hesaplamak ve denetlemek için hedef, gerçekleşme ve basılı oran gerekir. Bu bulgu "
                   "yalnız hücre boş, tireli ya da yalnız sözcüklerle basılmışsa verilir; satırda hücresi "
                   "bulunamayan ya da rakamı sözcüklere karışmış bir değer raporun hatası değil, okuma "
                   "sorunudur (IZ603, denetlenmedi).",
      rationale_en="Checking a rate needs the target, the actual and the printed rate. This finding is given only "
                   "where the cell is printed empty, with a dash or with words alone; a value whose cell the "
                   "reader did not find in the row, or whose figure is mixed with words, is a reading problem "
                   "(IZ603, not checked), not an error of the report.",
      example="A4 H8 PG1, 6. ay: gerçekleşme 1,00 ama oran hücresi boş.")
def missing_value(ctx: Context) -> Iterable[Finding]:
    names = RATE_INPUT_WORDS
    for rc in ctx.recomputed.rates:
        p, g = rc.period, rc.gosterge
        missing = list(rc.missing)
        if p.reported_rate is None:
            missing.append("reported_rate")
        if missing:
            cell = p.evidence.cells.get(missing[0]) or p.evidence.cells.get("actual")
            yield make("IZ103", rc.hedef, item=g.code, period=p.month, cell=cell, row_page=p.evidence.page,
                       row_bbox=p.evidence.bbox, reported=p.reported_rate, expected=rc.expected,
                       code=g.printed_code or g.code, month=p.month,
                       what={"tr": ", ".join(names[m][0] for m in missing),  # each language its own words
                             "en": ", ".join(names[m][1] for m in missing)})


@rule(id="IZ104", name="extreme-rate", category="outlier", severity="warning",
      message_tr="{code}: gerçekleşme oranı {rate} (eşik {threshold}). Rakamlar tutuyor ama kuşku uyandırıyor; "
                 "olası nedenler: hedef düşük belirlenmiş olabilir (hedef {target}), birim yanlış olabilir ya da "
                 "değerler dönemler boyunca yanlış toplanmış olabilir.",
      message_en="{code}: rate {rate} (threshold {threshold}). The figures add up but look doubtful; possible "
                 "causes: the target may be set too low (target {target}), the unit may be wrong, or the values "
                 "may have been accumulated wrongly over the periods.",
      rationale_tr="Rehber oranın 100'ü aşabileceğini kabul eder; ama birkaç katına çıkan bir oran çoğu zaman "
                   "gerçekçi olmayan bir hedefe, yanlış birime ya da kümülatif hataya işaret eder. Rakamlar "
                   "tutsa da kuşku uyandırır.",
      rationale_en="The guide allows rates above 100, but a rate several times the target usually means a target "
                   "set too low, a wrong unit or a cumulative error — figures that add up yet look wrong.",
      example="Yapılan anket sayısı: hedef 1, gerçekleşme 5 → %500.")
def extreme_rate(ctx: Context) -> Iterable[Finding]:
    threshold = ctx.thresholds["outlier_rate"]
    seen: set[int] = set()
    for rc in reversed(ctx.recomputed.rates):  # the latest period of each gösterge
        g, p = rc.gosterge, rc.period
        if id(g) in seen:
            continue
        rate = rc.expected if rc.expected is not None else p.reported_rate
        if rate is None:
            continue
        seen.add(id(g))
        if rate >= threshold:
            yield make("IZ104", rc.hedef, item=g.code, period=p.month, cell=p.evidence.cells.get("reported_rate"),
                       row_page=p.evidence.page, row_bbox=p.evidence.bbox, reported=p.reported_rate,
                       expected=rc.expected, code=g.printed_code or g.code, rate=float(rate),
                       threshold=float(threshold), target=g.target)
