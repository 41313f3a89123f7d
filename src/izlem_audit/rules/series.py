"""Values over the periods and what the açıklama says of them: cumulative errors, contradicting
explanations, units the açıklama contradicts or that are not recognised."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Gosterge, Period
from ..normalising.numbers import decimals_of, parse_number
from ..normalising.text import ascii_fold
from ..normalising.units import COUNT_LIKE, CANONICAL_UNITS, normalise_unit
from ..recomputing.series import series_kind
from .base import Context, Finding, make, quote, rule

QUARTERS = {3: ("ocak", "subat", "mart"), 6: ("nisan", "mayis", "haziran"), 9: ("temmuz", "agustos", "eylul"),
            12: ("ekim", "kasim", "aralik")}
# month names as they are typed, misspellings included ("Mays")
_MONTH_RE = {"ocak": "ocak", "subat": "subat", "mart": "mart", "nisan": "nisan", "mayis": "mayi?s",
             "haziran": "haziran", "temmuz": "temmuz", "agustos": "agustos", "eylul": "eylul", "ekim": "ekim",
             "kasim": "kasim", "aralik": "aralik"}
_ORDINAL = {3: "(?:ilk|birinci)", 6: "ikinci", 9: "ucuncu", 12: "(?:son|dorduncu)"}
_NUM = r"(\d{1,3}(?:\.\d{3})+|\d+)(?![\d,]*\s*%)"
NOTHING_DONE = re.compile(
    r"(yapilmami|gerceklestirilmemi|gerceklestirilemedi|gerceklestirilememi|bulunmamaktadir|yapilmadi|"
    r"baslatilmadi|duzenlenmemi|herhangi bir (calisma|islem|faaliyet|alim)|hicbir)")
# "… bildirimi bulunmamaktadır", "… olmamıştır": the açıklama says nothing of the kind happened (or was
# reported), which is not the same as saying no work was done
NONE_HAPPENED = re.compile(r"(bulunmamaktadir|bulunmamistir|olmamistir|yasanmamistir|meydana gelmemistir|"
                           r"rastlanmamistir|yoktur)")
DONE = re.compile(r"(tamamlandi|tamamlanmistir|yapilmistir|gerceklestirilmistir|verilmistir|verildi|duzenlenmistir|"
                  r"kuruldu|acildi|yapildi)")


def cumulative(g: Gosterge) -> bool:
    """A running count over the year (``recomputing.series``): a count-like unit, a gösterge meant to increase (a
    decreasing one, B below A — 'ortalama yanıt süresi 12 → 7 gün' — is a level), and neither a rate, share or
    average ('kişi başına düşen', 'ortalama') nor each period's own figure ('yıl içinde düzenlenen')."""
    return g.unit in COUNT_LIKE and series_kind(g).kind == "cumulative"


def stated_increment(note: str, month: int | None) -> int | None:
    """The quarter's own figure an açıklama states, in one of the unambiguous forms reports use:

    - the quarter's months named together, then the figure: "Nisan, Mayıs, Haziran aylarında 665",
      "Nisan, Mayıs ve Haziran aylarında toplam 122 kişi";
    - the quarter by its ordinal: "ilk üç ayda 616", "ikinci 3 ayında 30";
    - each month with its own figure: "Nisan:13 Mayıs:11 Haziran:5" (summed);
    - a total after the quarter's months: "… Haziran ayında 2 etkinlik olmak üzere toplamda 14".

    Anything else (itemised lists, dates) gives None: no claim is read into it.
    """
    if month not in QUARTERS or not note:
        return None
    t = ascii_fold(note)
    m1, m2, m3 = (_MONTH_RE[n] for n in QUARTERS[month])
    together = re.search(rf"{m1}\W+(?:ve\s+)?{m2}\W+(?:ve\s+)?{m3}\b\D{{0,60}}?{_NUM}", t)
    if together and not re.search(rf"{m1}\D{{0,15}}\d", t[: together.start(1)]):
        return _int(together.group(1))
    ordinal = re.search(rf"\b{_ORDINAL[month]}\s+(?:uc|3)\s+ay\w*\D{{0,60}}?{_NUM}", t)
    if ordinal:
        return _int(ordinal.group(1))
    each = [re.search(rf"\b{m}\w*\s*(?::|ayinda|ayi)\s*{_NUM}", t) for m in (m1, m2, m3)]
    total = re.search(rf"(?:{m3})\b.*?\btoplam\w*\s+{_NUM}", t)
    if total:
        return _int(total.group(1))
    if all(each) and not re.search(r"toplam", t):
        return sum(_int(m.group(1)) for m in each)  # type: ignore[union-attr, misc]
    return None


def _int(text: str) -> int:
    return int(text.replace(".", ""))


def _pairs(g: Gosterge) -> Iterable[tuple[Period, Period]]:
    ps = [p for p in g.periods if p.actual is not None and p.month is not None]
    ps.sort(key=lambda p: p.month)  # type: ignore[arg-type, return-value]
    return zip(ps, ps[1:])


def _with_start(g: Gosterge) -> Iterable[tuple[Period, Period]]:
    """Consecutive periods, the first quarter paired with the start of the year (0)."""
    ps = [p for p in g.periods if p.actual is not None and p.month is not None]
    ps.sort(key=lambda p: p.month)  # type: ignore[arg-type, return-value]
    if ps and ps[0].month == 3:
        yield Period(0, 0.0, None), ps[0]
    yield from zip(ps, ps[1:])


def _blocks(ctx: Context):
    for h in ctx.report.hedefler:
        for g in h.gostergeler:
            yield h, g


@rule(id="IZ501", name="cumulative-decrease", category="cumulative", severity="warning",
      message_tr="{code} ({unit}): {month}. ay değeri {reported}, {prev_month}. aydakinden ({prev}) az. Birikimli "
                 "bir sayımda değer düşmez; dönem değeri toplam yerine yazılmış olabilir.",
      message_en="{code} ({unit}): month {month} is {reported}, less than month {prev_month} ({prev}). A running "
                 "count does not fall; the period's own figure may have been written instead of the total.",
      rationale_tr="Sayı, adet, kişi, ton, m², saat gibi birimlerde izleme değerleri yıl başından itibaren "
                   "birikimlidir (yüzde ve oranlar değildir). Sonraki dönemin değeri öncekinden küçük olamaz.",
      rationale_en="For count-like units the monitored values run from the start of the year (rates and "
                   "percentages do not). A later period cannot be lower than an earlier one.",
      example="3. ay 749, 6. ay 665.")
def cumulative_decrease(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not cumulative(g):
            continue
        for prev, cur in _pairs(g):
            if cur.actual < prev.actual:  # type: ignore[operator]
                yield make("IZ501", h, item=g.code, period=cur.month, cell=cur.evidence.cells.get("actual"),
                           row_page=cur.evidence.page, row_bbox=cur.evidence.bbox, reported=cur.actual,
                           expected=prev.actual, code=g.printed_code or g.code, unit=g.unit, month=cur.month,
                           prev_month=prev.month, prev=prev.actual)


@rule(id="IZ502", name="quarter-instead-of-total", category="cumulative", severity="error",
      message_tr="{code}: {month}. ay değeri {reported}, açıklamanın bu dönem için söylediği artışın kendisi; "
                 "birikimli toplam {expected} olmalı ({prev} + {increment}).",
      message_en="{code}: month {month} is {reported}, the period's own increment the açıklama states; the "
                 "running total should be {expected} ({prev} + {increment}).",
      rationale_tr="Birikimli göstergelerde her dönemin değeri yıl başından o döneme kadarki toplamdır. Açıklama "
                   "\"Nisan, Mayıs, Haziran aylarında 665\" diyorsa ve 6. ay değeri 665 ise, toplam yerine dönem "
                   "artışı yazılmıştır.",
      rationale_en="For cumulative göstergeler each period's value is the total since the start of the year. If the "
                   "açıklama says \"665 in April, May, June\" and month 6 shows 665, the quarter's increment was "
                   "written instead of the total.",
      example="3. ay 749; 6. ay 665 ve açıklama 'Nisan, Mayıs, Haziran ayı toplamı 665' → 1.414 olmalı.")
def quarter_instead_of_total(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not cumulative(g):
            continue
        for prev, cur in _pairs(g):
            inc = stated_increment(cur.note, cur.month)
            if inc is not None and prev.actual and cur.actual == inc and prev.actual + inc != cur.actual:
                yield make("IZ502", h, item=g.code, period=cur.month, cell=cur.evidence.cells.get("actual"),
                           row_page=cur.evidence.page, row_bbox=cur.evidence.bbox, reported=cur.actual,
                           expected=prev.actual + inc, code=g.printed_code or g.code, month=cur.month,  # type: ignore[operator]
                           prev=prev.actual, increment=float(inc))


@rule(id="IZ503", name="increment-mismatch", category="cumulative", severity="warning",
      message_tr="{code}: açıklama bu dönemde {increment} diyor; ama {prev_month}. aydan {month}. aya değer "
                 "{prev} → {reported} ({diff} fark).",
      message_en="{code}: the açıklama states {increment} for this period, but the value went from {prev} to "
                 "{reported} between months {prev_month} and {month} (difference {diff}).",
      rationale_tr="Açıklamada dönem için verilen artış, iki dönem arasındaki farka eşit olmalıdır.",
      rationale_en="The increment the açıklama states for a period must equal the difference between the periods.",
      example="3. ay 616, 6. ay 1.043, açıklama 'Nisan, Mayıs, Haziran ayı toplamında 427' → tutuyor.")
def increment_mismatch(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not cumulative(g):
            continue
        for prev, cur in _with_start(g):
            inc = stated_increment(cur.note, cur.month)
            if inc is None or (cur.actual == inc and prev.actual):
                continue
            diff = cur.actual - prev.actual  # type: ignore[operator]
            if abs(diff - inc) > 0.5:
                yield make("IZ503", h, item=g.code, period=cur.month, cell=cur.evidence.cells.get("actual"),
                           row_page=cur.evidence.page, row_bbox=cur.evidence.bbox, reported=cur.actual,
                           expected=prev.actual + inc, code=g.printed_code or g.code, month=cur.month,  # type: ignore[operator]
                           prev_month=prev.month, prev=prev.actual, increment=float(inc), diff=float(diff))


@rule(id="IZ504", name="nothing-done-but-rose", category="explanation", severity="warning",
      message_tr="{code} {month}. ay: açıklama {claim} (\"{quote}\") ama değer {prev} → {reported} artmış.",
      message_en="{code} month {month}: the açıklama {claim} (\"{quote}\") but the value rose from {prev} to "
                 "{reported}.",
      rationale_tr="Açıklama rakamla çelişmemelidir: dönemde çalışma yapılmadıysa ya da sayılan olay hiç "
                   "yaşanmadıysa (bildirilmediyse) birikimli değer artmaz. Artmışsa ya değer ya açıklama yanlıştır "
                   "ya da gösterge başka bir şeyi sayıyordur.",
      rationale_en="The açıklama must not contradict the figure: if no work was done, or the counted event did "
                   "not happen (was not reported), a running count does not rise. If it rose, the value or the "
                   "açıklama is wrong, or the gösterge counts something else.",
      example="'İş kazası bildirimi bulunmamaktadır', iş kazası geçirilen gün sayısı 91 → 182.")
def nothing_done_but_rose(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not cumulative(g):
            continue
        ps = sorted((p for p in g.periods if p.actual is not None and p.month), key=lambda p: p.month)  # type: ignore[arg-type, return-value]
        prev_value = 0.0
        for p in ps:
            folded = ascii_fold(p.note)
            m = NOTHING_DONE.search(folded)
            if m and not DONE.search(folded) and p.actual > prev_value:  # type: ignore[operator]
                happened = NONE_HAPPENED.search(m.group(0)) is not None
                claim = ({"tr": "dönemde böyle bir durumun bulunmadığını (bildirilmediğini) söylüyor",
                          "en": "says no such event occurred (or was reported) in the period"} if happened else
                         {"tr": "dönemde çalışma yapılmadığını söylüyor", "en": "says no work was done in the period"})
                aligned = len(folded) == len(p.note)
                q = quote(p.note, m.start() if aligned else 0, m.end() if aligned else 0)
                yield make("IZ504", h, item=g.code, period=p.month, cell=p.evidence.cells.get("note")
                           or p.evidence.cells.get("actual"), row_page=p.evidence.page, row_bbox=p.evidence.bbox,
                           reported=p.actual, expected=None, code=g.printed_code or g.code, month=p.month,
                           prev=prev_value, quote=q, claim=claim)
            prev_value = p.actual  # type: ignore[assignment]


@rule(id="IZ505", name="work-listed-but-unchanged", category="explanation", severity="info",
      message_tr="{code} {month}. ay: açıklama yeni çalışmalar sayıyor ama değer {reported} ile önceki dönemle aynı.",
      message_en="{code} month {month}: the açıklama lists new work but the value stayed at {reported}.",
      rationale_tr="Dönemde yeni iş yapıldıysa birikimli değerin artması beklenir; artmıyorsa ya değer "
                   "güncellenmemiş ya da açıklama önceki döneme aittir.",
      rationale_en="New work in the period should raise a running count; if it does not, the value was not "
                   "updated or the açıklama belongs to the earlier period.",
      example="6. ay değeri 3. ayınkiyle aynı, açıklama dört yeni etkinlik sayıyor.")
def work_listed_but_unchanged(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not cumulative(g):
            continue
        for prev, cur in _pairs(g):
            note = ascii_fold(cur.note)
            if cur.actual != prev.actual or not note or NOTHING_DONE.search(note):
                continue
            if cur.note.strip() == prev.note.strip():
                continue  # the same note repeated: nothing new is claimed
            if re.search(r"(yapilmistir|gerceklestirilmistir|duzenlenmistir|verilmistir|katilim)", note):
                yield make("IZ505", h, item=g.code, period=cur.month, cell=cur.evidence.cells.get("note")
                           or cur.evidence.cells.get("actual"), row_page=cur.evidence.page,
                           row_bbox=cur.evidence.bbox, reported=cur.actual, expected=None,
                           code=g.printed_code or g.code, month=cur.month)


_KIND_TEXT = {
    "flow": ("yıl içinde gerçekleşen bir değer; C dönemlerin toplamıdır",
             "a within-year figure; C is the sum of the periods"),
    "cumulative": ("birikimli bir toplam; C son dönemin değeridir", "a running total; C is the last period's value"),
    "level": ("bir oran / düzey; C dönem sonundaki düzeydir (son dönem)",
              "a rate or level; C is the level at the end (the last period)"),
}


@rule(id="IZ510", name="reached-not-from-periods", category="cumulative", severity="error",
      message_tr="{code}: yıl sonu gerçekleşme değeri (C) {reported_text} basılmış; dönem değerleri ({periods}) "
                 "{expected_text} veriyor. Gösterge {kind} ({why}).{also}",
      message_en="{code}: the value reached (C) is printed {reported_text}; the period values ({periods}) give "
                 "{expected_text}. The gösterge is {kind} ({why}).{also}",
      rationale_tr="Dönemler sütun sütun basıldığında C onlardan çıkar: birikimli göstergelerde son dönemin "
                   "değeri, yıl içinde gerçekleşen (\"yıl içinde düzenlenen …\") göstergelerde dönemlerin "
                   "toplamı, oran, pay, ortalama ve sürelerde dönem sonundaki düzey. C bundan yuvarlama payından "
                   "fazla ayrılıyorsa ya C ya bir dönem yanlıştır; gösterge performansı da C ile hesaplandığı için "
                   "yanlış olur. Türü göstergenin adı ya da birimi söylüyorsa hata, yalnızca sayım biriminden "
                   "birikimli varsayılıyorsa uyarıdır; türü bilinmeyen bir göstergede C ne son dönem ne toplam "
                   "ise uyarıdır.",
      rationale_en="When the periods are printed column by column, C follows from them: the last period for a "
                   "running total, the sum for a within-year figure ('yıl içinde düzenlenen …'), the level at the "
                   "end for rates, shares, averages and durations. A C further from that than rounding allows "
                   "means C or a period is wrong, and so is the rate computed from C. An error when the name or "
                   "unit states the kind, a warning when a running total is only assumed from a count unit; for a "
                   "gösterge of unknown kind, a warning when C is neither the last period nor the sum.",
      example="Yıl içinde düzenlenen etkinlik sayısı: 12, 18, 9, 15; C 15 basılmış, toplam 54 olmalı.")
def reached_not_from_periods(ctx: Context) -> Iterable[Finding]:
    from ..normalising.numbers import format_number

    for cc in ctx.recomputed.reached:
        g, h, r = cc.gosterge, cc.hedef, cc.gosterge.reached
        assert r is not None and r.actual is not None
        ps = sorted((p for p in g.periods if p.month is not None), key=lambda p: p.month)  # type: ignore[arg-type, return-value]
        c_cell = r.evidence.cells.get("actual")
        dec = decimals_of(c_cell.text) if c_cell is not None else None
        dec = 2 if dec is None else dec
        shown = " + ".join(p.evidence.cells["actual"].text if "actual" in p.evidence.cells else
                           format_number(p.actual, dec) for p in ps)
        base = dict(item=g.code, period=r.month, cell=c_cell, row_page=r.evidence.page, row_bbox=r.evidence.bbox,
                    reported=r.actual, code=g.printed_code or g.code, periods=shown,
                    reported_text=c_cell.text if c_cell is not None else format_number(r.actual, dec))
        if cc.kind.kind is None:
            if cc.matches("last") or cc.matches("total"):
                continue
            f = make("IZ510", h, expected=cc.last, tolerance=cc.tolerances["last"][1],
                     expected_text=format_number(cc.last, dec),
                     kind={"tr": "türü bilinmeyen bir değer", "en": "of unknown kind"},
                     why={"tr": f"birim: {g.unit or 'yok'}", "en": f"unit: {g.unit or 'none'}"},
                     also={"tr": f" Dönemlerin toplamı {format_number(cc.total, dec)}; C ne son dönem ne toplam.",
                           "en": f" The periods add up to {format_number(cc.total, dec)}; C is neither the last "
                                 "period nor the sum."}, **base)
            f.severity = "warning"
            yield f
            continue
        if not cc.flagged:
            continue
        flow = cc.kind.kind == "flow"
        also = {"tr": "", "en": ""}
        if cc.matches("last" if flow else "total"):
            also = ({"tr": " Basılan C yalnızca son dönemin değeri: dönemler toplanmamış.",
                     "en": " The printed C is only the last period: the periods were not added up."} if flow else
                    {"tr": " Basılan C dönemlerin toplamı: birikimli değerler toplanmış olabilir.",
                     "en": " The printed C is the sum of the periods: running totals may have been added up."})
        tr, en = _KIND_TEXT[cc.kind.kind]
        why = ({"tr": f"{_said(g.name, cc.kind.why)}", "en": f"{_said(g.name, cc.kind.why)}"} if cc.kind.stated else
               {"tr": f"birim {cc.kind.why}: sayım birimi olduğu için birikimli varsayıldı",
                "en": f"unit {cc.kind.why}: assumed a running total since it is a count unit"})
        f = make("IZ510", h, expected=cc.expected, tolerance=cc.tolerance,
                 expected_text=format_number(cc.expected, dec), kind={"tr": tr, "en": en}, why=why, also=also,
                 difference=cc.difference, tolerance_loose=cc.tolerance_loose, doubtful=cc.doubtful,
                 stated=cc.kind.stated, **base)
        if cc.doubtful or not cc.kind.stated:
            f.severity = "warning"
        yield f


def _said(name: str, folded: str) -> str:
    """The words of the name that decided the kind, as printed ("yıl içinde", not "yil icinde")."""
    if folded in ("%", "B < A"):
        return folded
    t = ascii_fold(name or "")
    i = t.find(folded)
    if i >= 0 and len(t) == len(name):
        return f"\"{name[i:i + len(folded)]}\""
    return f"\"{folded}\""


_UNIT_IN_TEXT = re.compile(r"(\d[\d.,]*)\s*(kwh|mwh|kw|mw|kg|ton|km|m2|m²|lt|litre|metre)\b", re.I)
_SCALE = {("kW", "MW"): 1e-3, ("MW", "kW"): 1e3, ("kWh", "MWh"): 1e-3, ("MWh", "kWh"): 1e3, ("kg", "ton"): 1e-3,
          ("ton", "kg"): 1e3, ("m", "km"): 1e-3, ("km", "m"): 1e3}


@rule(id="IZ506", name="unit-contradiction", category="unit", severity="warning",
      message_tr="{code}: gösterge {unit} cinsinden, tabloda {reported_text}; açıklama başka birimle \"{quote}\" "
                 "diyor (= {converted_text}). {verdict}",
      message_en="{code}: the gösterge is in {unit}, the table shows {reported_text}; the açıklama says "
                 "\"{quote}\" in another unit (= {converted_text}). {verdict}",
      rationale_tr="Değer göstergenin biriminde yazılmalıdır; açıklama başka bir birimle (kW / MW, kg / ton) "
                   "konuşuyorsa değerin hangi birimde girildiği belirsizdir. Çevrilmiş değer tablodakiyle tutuyorsa "
                   "yalnızca birimler karışıktır (bilgi); tutmuyorsa biri yanlıştır (uyarı).",
      rationale_en="The value must be in the gösterge's unit; an açıklama in another unit (kW / MW, kg / ton) "
                   "leaves unclear which unit the value was entered in. If the converted value agrees with the "
                   "table only the units are mixed (info); if not, one of them is wrong (warning).",
      example="MW göstergesi 0,40, açıklama '404 KW' (= 0,404 MW): tutarlı, birimler karışık.")
def unit_contradiction(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not g.unit or g.unit not in CANONICAL_UNITS:
            continue
        seen: dict[tuple[str, bool], Finding] = {}  # the same açıklama repeated over periods: one finding
        for p in g.periods:
            for m in _UNIT_IN_TEXT.finditer(p.note or ""):
                u = normalise_unit(m.group(2)).canonical
                if u is None or u == g.unit or (u, g.unit) not in _SCALE:
                    continue
                value = parse_number(m.group(1))
                if value is None:
                    continue
                converted = value * _SCALE[(u, g.unit)]
                cell = p.evidence.cells.get("actual")
                dec = decimals_of(cell.text) if cell is not None else None
                dec = 2 if dec is None else dec
                agrees = p.actual is not None and abs(converted - p.actual) <= 0.5 * 10 ** -dec + 1e-9
                key = (" ".join(m.group(0).split()).casefold(), agrees)
                if key in seen and p.actual == seen[key].reported:
                    seen[key].params["months"].append(p.month)
                    break
                verdict = ({"tr": "Değerler tutarlı; yalnızca birimler karışık.",
                            "en": "The values agree; only the units are mixed."} if agrees else
                           {"tr": "Değerler tutmuyor: biri yanlış birimle yazılmış olabilir.",
                            "en": "The values disagree: one may be in the wrong unit."})
                f = make("IZ506", h, item=g.code, period=p.month, cell=p.evidence.cells.get("note")
                         or p.evidence.cells.get("actual"), row_page=p.evidence.page, row_bbox=p.evidence.bbox,
                         reported=p.actual, expected=converted, code=g.printed_code or g.code,
                         unit=g.unit, quote=m.group(0), converted=converted,
                         reported_text=f"{_plain(p.actual, dec)} {g.unit}",
                         converted_text=f"{_plain(converted, _sig_decimals(converted, dec))} {g.unit}",
                         verdict=verdict, agrees=agrees, months=[p.month])
                if agrees:
                    f.severity = "info"
                seen[key] = f
                break
        for f in seen.values():
            months = [m for m in f.params["months"] if m is not None]
            if len(months) > 1:
                f.params["verdict"] = {k: v + (f" ({', '.join(map(str, months))}. ay açıklamalarında aynı)"
                                              if k == "tr" else f" (the same in months {', '.join(map(str, months))})")
                                       for k, v in f.params["verdict"].items()}
            yield f


def _sig_decimals(value: float, at_least: int) -> int:
    """Enough decimals to show ``value`` without rounding it onto the printed figure (0,404 not 0,40)."""
    for d in range(at_least, 7):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return 6


def _plain(value: float | None, decimals: int) -> str:
    from ..normalising.numbers import format_number

    return format_number(value, decimals)


@rule(id="IZ507", name="unit-unknown", category="unit", severity="info",
      message_tr="{code}: \"{unit}\" birimi tanınmadı; birikimli olup olmadığı bilinmediği için dönem kontrolleri "
                 "yapılmadı.",
      message_en="{code}: the unit \"{unit}\" is not recognised; period checks were not made since it is unknown "
                 "whether it accumulates.",
      rationale_tr="Birim, göstergenin nasıl okunacağını (sayı mı, oran mı, birikimli mi) belirler.",
      rationale_en="The unit tells how to read a gösterge (count or rate, cumulative or not).",
      example="'(fidan)'.")
def unit_unknown(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not g.unit_known:
            yield make("IZ507", h, item=g.code, cell=g.evidence.cells.get("name"), row_page=g.evidence.page,
                       row_bbox=g.evidence.bbox, code=g.printed_code or g.code, unit=g.unit)


@rule(id="IZ511", name="cumulative-column-mismatch", category="cumulative", severity="error",
      message_tr="{code} {month}. ay: kümülatif değer {reported} basılmış; önceki kümülatif {prev} ile dönemin "
                 "kendi değeri {own} toplamı {expected}.",
      message_en="{code} month {month}: the cumulative value is printed {reported}; the previous cumulative "
                 "{prev} plus the period's own value {own} is {expected}.",
      rationale_tr="Dönem değeri ile kümülatif değeri yan yana basan tablolarda (\"Dönem Gerçekleşmesi\" / "
                   "\"Kümülatif Gerçekleşme\"), birikimli bir göstergenin (sayı, adet, kişi, ton, m² …) kümülatif "
                   "değeri bir önceki dönemin kümülatif değeri ile bu dönemin değerinin toplamıdır (ilk çeyrekte "
                   "dönem değerinin kendisi). Tutmuyorsa biri yanlıştır; gerçekleşme oranı kümülatif değerle "
                   "hesaplandığı için o da yanlış olur. Oran ve yüzdelerde kümülatif sütun dönem sonundaki "
                   "düzeyi gösterir; bu kural onlara uygulanmaz.",
      rationale_en="In tables that print the period's own value beside the cumulative one, the cumulative value of a "
                   "running count is the previous cumulative value plus this period's own (in the first quarter, "
                   "its own value). If not, one of them is wrong, and so is the rate computed from the cumulative "
                   "value. For rates and percentages the cumulative column shows the level; the rule skips them.",
      example="6. ay kümülatif 390; 9. ay dönem değeri 190, kümülatif 590 basılmış → 580 olmalı.")
def cumulative_column_mismatch(ctx: Context) -> Iterable[Finding]:
    for h, g in _blocks(ctx):
        if not cumulative(g) or not any(p.period_value is not None for p in g.periods):
            continue
        for prev, cur in _with_start(g):
            if cur.period_value is None or cur.actual is None or prev.actual is None:
                continue
            expected = prev.actual + cur.period_value
            slack = sum(_half(c) for c in (cur.evidence.cells.get("actual"), cur.evidence.cells.get("period_value"),
                                           prev.evidence.cells.get("actual")))
            if abs(cur.actual - expected) > slack + 1e-9:
                yield make("IZ511", h, item=g.code, period=cur.month, cell=cur.evidence.cells.get("actual"),
                           row_page=cur.evidence.page, row_bbox=cur.evidence.bbox, reported=cur.actual,
                           expected=expected, tolerance=slack, code=g.printed_code or g.code, month=cur.month,
                           prev=prev.actual, own=cur.period_value)


def _half(cell) -> float:
    """Half a unit of a printed value's last digit (0 for an integer: counts are printed exactly)."""
    if cell is None:
        return 0.0
    d = decimals_of(cell.text)
    return 0.0 if not d else 0.5 * 10.0 ** -d
