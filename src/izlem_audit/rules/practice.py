"""Rules from audit practice: what the Court of Accounts (Sayıştay) finds most often about the performance
information of municipalities (see ../shared/reference/audit-practice.md): deviations from the target left
unexplained, explanations that only restate the figure (IZ508 counts them as none). Göstergeler not tied to a
performans hedefi are IZ606 (rules/document.py), aggregates over a favourable subset IZ407 (rules/summary.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..assembling.codes import period_months_from_title
from ..model import Gosterge, Hedef, Period, Report
from ..normalising.text import ascii_fold
from .base import Context, Finding, make, quote, rule

REGULATION = ("Kamu İdarelerince Hazırlanacak Faaliyet Raporları Hakkında Yönetmelik, md. 18 (c)/2: performans "
              "bilgileri başlığı altında hedef ve göstergelerde sapma varsa nedenleri açıklanır. Sayıştay "
              "belediye denetim raporlarında performans bilgisine ilişkin en sık bulgu, hedeften sapmanın "
              "nedeninin açıklanmamasıdır; bir belediyenin %1–6,67 sapmayı kabul edilebilir sayması üzerine "
              "Sayıştay, yönetmeliğin bir eşik öngörmediğini, %1'lik sapmanın da gerekçesinin yazılması "
              "gerektiğini belirtmiştir.")
REGULATION_EN = ("Regulation on the activity reports of public administrations, art. 18 (c)/2: where targets and "
                 "indicators deviate, the reasons are explained. In the Court of Accounts' audit reports on "
                 "municipalities the finding raised most often about performance information is a deviation "
                 "left unexplained; when a municipality called 1–6.67 % deviations acceptable, the Court answered "
                 "that the regulation sets no threshold, so even a 1 % deviation needs its reason.")


def direction(g: Gosterge) -> str | None:
    """Which way the gösterge is meant to move, from A (start) and B (target): "increasing", "decreasing", or
    None when B equals A. Without a printed A the start is 0, so a positive target means increasing."""
    if g.target is None:
        return None
    a = g.baseline if g.baseline is not None else 0.0
    if g.target > a:
        return "increasing"
    if g.target < a:
        return "decreasing"
    return None


def report_month(report: Report) -> int | None:
    """The month the report runs to: the latest period of its göstergeler, or its title (``6 Aylık``)."""
    months = [p.month for h in report.hedefler for g in h.gostergeler for p in g.periods if p.month]
    if months:
        return max(months)
    return period_months_from_title(report.title or "")


def stated_expected_progress(report: Report) -> float | None:
    """The share of the year's target a 3/6/9-month report itself says it expects by now, or None.

    The report model does not (yet) carry such a statement, so interim reports are not checked for unexplained
    deviations: measuring a 6-month value against a year-end target is not a deviation by itself.
    """
    return None


# words that only restate a figure: "%50 oranında gerçekleşmiştir", "hedefin %120'si sağlanmıştır"
_FILLER = set("""
oraninda orani oran oraninda orana olarak olup gerceklesmistir gerceklesti gerceklesmis gerceklesme gerceklesen
gerceklesmektedir saglanmistir saglandi saglanmis ulasilmistir ulasildi ulasilmis ulasilmaktadir hedefin hedef
hedefe hedeflenen hedefine hedefi yuzde yuzdesi seviyesinde duzeyinde donemde donemi donem itibariyla itibari
ile ve bu ilk alti uc dokuz aylik ayda ay aylar aylarda yil yilin yili yillik sonu sonunda kadar tamamlanmistir
tamamlandi gerceklestirilmistir gerceklestirildi deger degeri degerinde performans performansi olmustur olmus
ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik
""".split())
_TOKEN = re.compile(r"[a-z]+")


_FIGURE = re.compile(r"%?\s*(\d[\d.,]*\d|\d)\s*%?(?:'?[a-z]+)?")


def restates_figure(note: str, figures: Iterable[float | None] = (), words: str = "") -> bool:
    """An açıklama that says nothing but the figure: it states the period's own figure (``figures``: the
    value reached, the rate, the target) and, once the figures are taken out, only words such as 'oranında
    gerçekleşmiştir' (and the gösterge's own name and unit, ``words``) remain. A monthly breakdown
    ("Ocak:3 Şubat:2 Mart:1") or a figure with its cause is not a restatement."""
    from ..normalising.numbers import parse_number

    folded = ascii_fold(note or "")
    numbers = [parse_number(m.group(1)) for m in _FIGURE.finditer(folded)]
    numbers = [n for n in numbers if n is not None]
    wanted = [f for f in figures if f is not None]
    if not numbers or (wanted and not any(abs(n - f) < 0.5 for n in numbers for f in wanted)):
        return False
    rest = _TOKEN.findall(_FIGURE.sub(" ", folded))
    own = set(_TOKEN.findall(ascii_fold(words)))
    return all(w in _FILLER or w in own for w in rest)


def _explanation(h: Hedef, p: Period) -> str:
    """The açıklama that stands for a gösterge's period: its own, or the hedef's (guide layout, one açıklama
    after all göstergeler)."""
    return (p.note or "").strip() or (h.note or "").strip()


@rule(id="IZ508", name="deviation-unexplained", category="explanation", severity="warning",
      message_tr="{code}: yıl sonunda gerçekleşme oranı {rate}, hedeften {deviation} puan {way}; {why}",
      message_en="{code}: at year end the rate is {rate}, {deviation} points {way_en} the target; {why_en}",
      rationale_tr=REGULATION + " Yıl sonu raporunda oranı 100 olmayan her gösterge için sapmanın nedeni "
                   "açıklanmalıdır (eşik yapılandırmada: thresholds.deviation, varsayılan 0). 3/6/9 aylık "
                   "raporlarda kural yalnızca rapor o döneme kadar beklenen ilerlemeyi kendisi belirtiyorsa "
                   "uygulanır; yoksa ara dönem değerini yıl sonu hedefiyle ölçmek sapma sayılmaz. Sayıştay, "
                   "yalnızca rakamı tekrarlayan açıklamaları (\"%50 oranında gerçekleşmiştir\") ikna edici "
                   "bulmaz (geçerlilik / ikna edicilik ölçütü): böyle bir açıklama açıklama sayılmaz.",
      rationale_en=REGULATION_EN + " In a year-end report every gösterge whose rate is not 100 needs the reason "
                   "of its deviation (threshold in the config: thresholds.deviation, default 0). In 3/6/9-month "
                   "reports the rule applies only where the report states the progress expected by then. The "
                   "Court finds explanations that only restate the figure ('realised at 50 %') unconvincing: "
                   "such an açıklama counts as none.",
      example="12. ay, hedef 40, gerçekleşme 30 (%75), açıklama boş ya da '%75 oranında gerçekleşmiştir'.")
def deviation_unexplained(ctx: Context) -> Iterable[Finding]:
    month = report_month(ctx.report)
    expected_share = 100.0 if month == 12 else stated_expected_progress(ctx.report)
    if expected_share is None:
        return
    threshold = ctx.thresholds.get("deviation", 0.0)
    for rc in ctx.recomputed.rates:
        p, g, h = rc.period, rc.gosterge, rc.hedef
        if p.month != month:
            continue
        rate = rc.expected if rc.expected is not None else p.reported_rate
        if rate is None:
            continue
        deviation = rate - expected_share
        if abs(deviation) <= max(threshold, rc.tolerance if rc.expected is not None else 0.0):
            continue
        note = _explanation(h, p)
        if note and not restates_figure(note, (p.actual, p.reported_rate, rate, g.target), g.name):
            continue
        why = ({"tr": "açıklama yalnızca rakamı tekrarlıyor (\"" + quote(note, width=60) + "\"), sapmanın nedenini "
                      "söylemiyor.",
                "en": "the açıklama only restates the figure, not the reason of the deviation."} if note else
               {"tr": "açıklama boş: sapmanın nedeni yazılmamış.",
                "en": "the açıklama is empty: the reason of the deviation is not given."})
        decreasing = direction(g) == "decreasing"
        way = ("altında" if deviation < 0 else "üstünde")
        yield make("IZ508", h, item=g.code, period=p.month, cell=p.evidence.cells.get("note")
                   or p.evidence.cells.get("reported_rate"), row_page=p.evidence.page, row_bbox=p.evidence.bbox,
                   reported=p.reported_rate, code=g.printed_code or g.code, rate=float(rate),
                   deviation=abs(deviation), way=way + (" (azaltılması hedeflenen gösterge)" if decreasing else ""),
                   way_en=("below" if deviation < 0 else "above") + (" (a decreasing indicator)" if decreasing
                                                                       else ""),
                   why=why["tr"], why_en=why["en"], direction=direction(g), restated=bool(note))
