"""What every report format says about a finding, composed once: the audit finding's parts.

Sayıştay and internal-audit reports write a finding as **Bulgu** (title) → **Kriter** (the rule and the
guide/regulation sentence it rests on) → **Tespit** (what was printed, what it should be, the difference, the
rounding allowance, the inputs used, the evidence) → **Etki** (the figures it changes up the chain: hedef, amaç,
overall, before → after) → **Öneri** (the correction) → **İdare açıklaması** (a suppression's reason). The HTML,
Markdown, workbook and annotated-PDF writers all take their words from here, so a finding reads the same
everywhere.

Also here: the first-screen figures (how many printed figures were checked, reconciled, not reconciled, not
checkable; causes, consequences, warnings, reading problems, suppressed), the verdict sentence, the layout and
period in words, and cutting text at a word boundary. Fields the rule engine adds later (``id``,
``caused_by``, ``origin``) are read defensively.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from ..model import Report
from ..normalising.numbers import format_number
from ..recomputing import formulas as fx
from ..recomputing.report import Recomputed, latest_period
from ..rules.base import Finding
from ..rules.registry import REGISTRY

# ----------------------------------------------------------------------------------------------- vocabulary

UI = {
    "bulgu": ("Bulgu", "Finding"), "kriter": ("Kriter", "Criterion"), "tespit": ("Tespit", "Facts"),
    "etki": ("Etki", "Effect"), "oneri": ("Öneri", "Recommendation"),
    "idare": ("İdare açıklaması", "Management's explanation"),
    "error": ("Hata", "Error"), "warning": ("Uyarı", "Warning"), "info": ("Bilgi", "Note"),
    "printed": ("Basılı", "Printed"), "recomputed": ("Yeniden hesaplanan", "Recomputed"),
    "difference": ("Fark", "Difference"), "allowance": ("Yuvarlama payı", "Rounding allowance"),
    "inputs": ("Kullanılan girdiler", "Inputs used"), "page": ("Sayfa", "Page"), "place": ("Yer", "Where"),
    "ref": ("Taslakta yeri", "Place in the draft"),
    "no_effect": ("Üst düzey bir rakamı değiştirmiyor.", "It changes no figure higher up."),
    "suppressed": ("Bastırıldı", "Suppressed"), "consequence": ("sonuç", "consequence"),
    "consequences": ("Bu hatadan kaynaklanan sonuç bulguları", "Consequential findings of this error"),
    "consequence_of": ("Sonuç bulgusu: {cause} bulgusundan kaynaklanıyor; ayrı bir hata olarak sayılmaz.",
                       "Consequential finding: it follows from {cause} and is not counted as an error of its own."),
    "points": ("puan", "points"),
    "report_level": ("Rapor geneli", "Whole report"),
}

RULE_TITLE: dict[str, tuple[str, str]] = {
    "IZ101": ("Gösterge gerçekleşme oranı hesaplamayla tutmuyor", "Gösterge rate does not reconcile"),
    "IZ102": ("Gösterge oranı hesaplanamıyor (hedef = başlangıç)", "Gösterge rate cannot be computed (B = A)"),
    "IZ103": ("Oran için gereken değer basılmamış", "A value the rate needs is not printed"),
    "IZ104": ("Olağan dışı yüksek gerçekleşme oranı", "Unusually high rate"),
    "IZ201": ("Hedef performansı hesaplamayla tutmuyor", "Hedef performance does not reconcile"),
    "IZ202": ("Hedef performansında 100/0 sınırı uygulanmamış", "Capping not applied in the hedef performance"),
    "IZ203": ("Tek göstergeli hedefte oran sınırlanmış", "A single-gösterge hedef was capped"),
    "IZ204": ("Göstergelerin hedefe etkileri toplamı 100 değil", "Gösterge weights do not add up to 100"),
    "IZ205": ("Performans hedeflerinin ağırlık toplamı 100 değil", "Performans hedefi weights do not add up to 100"),
    "IZ301": ("Faaliyet gerçekleşme oranı hesaplamayla tutmuyor", "Faaliyet rate does not reconcile"),
    "IZ302": ("Harcama bütçeyi aşıyor", "Spending exceeds the budget"),
    "IZ303": ("Bütçesi olmayan faaliyette harcama", "Spending without a budget"),
    "IZ401": ("Özet tablodaki hedef yüzdesi tutmuyor", "Summary hedef percentage does not reconcile"),
    "IZ402": ("Özet tablodaki performans hedefi yüzdesi tutmuyor", "Summary performans hedefi does not reconcile"),
    "IZ403": ("Amaç gerçekleşme oranı tutmuyor", "Amaç rate does not reconcile"),
    "IZ404": ("Genel gerçekleşme oranı tutmuyor", "Overall rate does not reconcile"),
    "IZ405": ("Metinde beyan edilen sayı tablolarla tutmuyor", "Declared count differs from the tables"),
    "IZ406": ("Sayım tablosu ayrıntı tablolarıyla tutmuyor", "Counts table differs from the detail tables"),
    "IZ501": ("Birikimli değer önceki dönemden az", "Cumulative value decreased"),
    "IZ502": ("Dönem değeri birikimli toplam yerine dönem artışı", "Period value is the increment, not the total"),
    "IZ503": ("Açıklamadaki artış değerle tutmuyor", "Increment in the explanation does not match"),
    "IZ504": ("Açıklama çalışma olmadığını söylüyor, değer artmış", "Explanation says nothing was done, value rose"),
    "IZ505": ("Açıklama çalışma sayıyor, değer değişmemiş", "Explanation lists work, value unchanged"),
    "IZ506": ("Açıklamadaki birim ve değer göstergeyle çelişiyor", "Unit in the explanation contradicts the gösterge"),
    "IZ507": ("Gösterge birimi tanınmadı", "Unit not recognised"),
    "IZ511": ("Kümülatif değer, önceki kümülatif ile dönem değerinin toplamı değil",
              "Cumulative value is not the previous one plus the period's own"),
    "IZ601": ("Numaralandırmada boşluk", "Gap in the numbering"),
    "IZ602": ("Aynı kod birden fazla satırda", "Duplicate code"),
    "IZ603": ("Tablo satırı düzensiz", "Malformed table row"),
    "IZ604": ("Başlık raporda farklı yazılmış", "Title spelled differently"),
    "IZ605": ("Performans hedefi numarası özetle tutmuyor", "Performans hedefi number differs from the summary"),
}

CATEGORY = {
    "indicator_rate": ("Gösterge oranı", "Gösterge rate"), "missing": ("Eksik değer", "Missing value"),
    "target_performance": ("Hedef performansı", "Hedef performance"), "clamping": ("100/0 sınırlaması", "Capping"),
    "weights": ("Hedefe etkiler", "Weights"), "cumulative": ("Birikimli değerler", "Cumulative values"),
    "outlier": ("Aşırı değer", "Outlier"), "explanation": ("Açıklama", "Explanation"),
    "activity_rate": ("Faaliyet oranı", "Activity rate"), "activity_budget": ("Bütçe", "Budget"),
    "summary": ("Özet tablolar", "Summary tables"), "counts": ("Sayılar", "Counts"),
    "numbering": ("Numaralandırma", "Numbering"), "structure": ("Tablo yapısı", "Table structure"),
    "unit": ("Birim", "Unit"), "label": ("Başlıklar", "Titles"),
}

# what the two numbers of a finding are: (reported label, expected label), Turkish and English
_RATE = (("Basılı oran", "Yeniden hesaplanan oran"), ("Printed rate", "Recomputed rate"))
_PERF = (("Basılı performans", "Yeniden hesaplanan performans"), ("Printed performance", "Recomputed performance"))
_SUMMARY = (("Basılı yüzde", "Yeniden hesaplanan"), ("Printed percentage", "Recomputed"))
VALUE_LABELS: dict[str, tuple[tuple[str, str | None], tuple[str, str | None]]] = {
    "IZ101": _RATE, "IZ103": _RATE, "IZ301": _RATE,
    "IZ102": (("Basılı oran", None), ("Printed rate", None)),
    "IZ104": (("Basılı oran", "Yeniden hesaplanan oran"), ("Printed rate", "Recomputed rate")),
    "IZ201": _PERF, "IZ202": _PERF, "IZ203": _PERF,
    "IZ204": (("Ağırlıklar toplamı", "Olması gereken toplam"), ("Sum of weights", "Required total")),
    "IZ205": (("Ağırlıklar toplamı", "Olması gereken toplam"), ("Sum of weights", "Required total")),
    "IZ302": (("Harcama (TL)", "Bütçe (TL)"), ("Spending (TL)", "Budget (TL)")),
    "IZ303": (("Harcama (TL)", "Bütçe (TL)"), ("Spending (TL)", "Budget (TL)")),
    "IZ401": _SUMMARY, "IZ402": _SUMMARY, "IZ403": _SUMMARY,
    "IZ404": (("Basılı genel oran", "Yeniden hesaplanan"), ("Printed overall rate", "Recomputed")),
    "IZ405": (("Metnin beyan ettiği sayı", "Tablolarda sayılan"), ("Declared", "Counted in the tables")),
    "IZ406": (("Sayım tablosundaki sayı", "Ayrıntı tablolarında sayılan"), ("Counts table", "Counted")),
    "IZ501": (("Bu dönemin değeri", "Önceki dönemin değeri"), ("This period", "Previous period")),
    "IZ502": (("Basılı değer", "Açıklamaya göre birikimli toplam"), ("Printed value", "Total by the explanation")),
    "IZ503": (("Basılı değer", "Açıklamaya göre olması gereken"), ("Printed value", "By the explanation")),
    "IZ511": (("Basılı kümülatif değer", "Önceki kümülatif + dönem değeri"),
              ("Printed cumulative value", "Previous cumulative + period value")),
    "IZ504": (("Basılı değer", None), ("Printed value", None)),
    "IZ505": (("Basılı değer", None), ("Printed value", None)),
    "IZ506": (("Gösterge değeri", "Açıklamadaki değer, aynı birimde"), ("Gösterge value", "Explanation's value")),
}
# the word written beside the outlined cell in the evidence picture
SHORT_LABEL: dict[str, tuple[str, str]] = {
    "IZ204": ("olması gereken", "required"), "IZ205": ("olması gereken", "required"),
    "IZ302": ("bütçe", "budget"), "IZ303": ("bütçe", "budget"), "IZ405": ("tablolarda", "in the tables"),
    "IZ406": ("ayrıntıda", "in the detail"), "IZ501": ("önceki dönem", "previous period"),
    "IZ502": ("olması gereken", "should be"), "IZ503": ("olması gereken", "should be"),
    "IZ506": ("açıklamada", "explanation"),
}
COUNT_RULES = {"IZ405", "IZ406"}
# rules that compare a printed figure with its recomputation: difference and rounding allowance apply
RECONCILE_RULES = {"IZ101", "IZ201", "IZ202", "IZ203", "IZ301", "IZ401", "IZ402", "IZ403", "IZ404"}

_ADVICE: dict[str, tuple[str, str]] = {
    "IZ101": ("{place} gerçekleşme oranı {expected} olarak düzeltilmeli (ya da C, B, A değerlerinden yanlış "
              "basılmış olan düzeltilmeli).",
              "{place}: correct the rate to {expected} (or whichever of C, B, A is misprinted)."),
    "IZ102": ("{place} için başlangıç değerinden farklı bir hedef değer belirlenmeli.",
              "{place}: set a target different from the baseline."),
    "IZ103": ("{place} için eksik değer basılmalı; tablodaki değerlerle oran {expected} olur.",
              "{place}: print the missing value; the table's values give a rate of {expected}."),
    "IZ104": ("{place}: hedef değer, birim ve dönem değerleri kontrol edilmeli; hedef gerçekçi değilse gözden "
              "geçirilmeli.", "{place}: check the target, the unit and the period values; revise an unrealistic "
              "target."),
    "IZ201": ("{place} performansı {expected} olarak düzeltilmeli.", "{place}: correct the performance to {expected}."),
    "IZ202": ("{place} performansı, 100'ü aşan oranlar 100, negatifler 0 alınarak yeniden hesaplanmalı: {expected}.",
              "{place}: recompute with rates capped to 100 and floored at 0: {expected}."),
    "IZ203": ("{place} tek göstergeli; performansı gösterge oranı olduğu gibi alınarak {expected} yazılmalı.",
              "{place} has one gösterge; its performance is the rate as it is: {expected}."),
    "IZ204": ("{place}: göstergelerin hedefe etkileri toplamı 100 olacak biçimde düzeltilmeli, ardından hedef "
              "performansı yeniden hesaplanmalı.", "{place}: make the weights add up to 100, then recompute the "
              "hedef performance."),
    "IZ205": ("{place}: performans hedeflerinin ağırlıkları toplamı 100 olacak biçimde düzeltilmeli.",
              "{place}: make the performans hedefi weights add up to 100."),
    "IZ301": ("{place} gerçekleşme oranı {expected} olarak düzeltilmeli.", "{place}: correct the rate to {expected}."),
    "IZ302": ("{place}: bütçe aşımının nedeni açıklamada belirtilmeli ya da harcama/bütçe tutarı düzeltilmeli.",
              "{place}: explain the overspending or correct the spending/budget."),
    "IZ303": ("{place}: bütçesiz harcamanın kaynağı açıklanmalı ya da bütçe tutarı düzeltilmeli.",
              "{place}: explain where the spending comes from or correct the budget."),
    "IZ401": ("Özet tablodaki {place} yüzdesi {expected} olarak düzeltilmeli.",
              "Correct {place} in the summary table to {expected}."),
    "IZ402": ("Özet tablodaki {place} yüzdesi {expected} olarak düzeltilmeli.",
              "Correct {place} in the summary table to {expected}."),
    "IZ403": ("{place} gerçekleşme oranı {expected} olarak düzeltilmeli.", "Correct {place}'s rate to {expected}."),
    "IZ404": ("Raporun genel gerçekleşme oranı {expected} olarak düzeltilmeli.",
              "Correct the report's overall rate to {expected}."),
    "IZ405": ("Metindeki sayı tablolarla uyumlu hale getirilmeli (tablolarda {expected}) ya da eksik tablolar "
              "eklenmeli.", "Make the text agree with the tables (they hold {expected}) or add the missing tables."),
    "IZ406": ("{place} sayım tablosu ayrıntı tablolarıyla uyumlu hale getirilmeli (ayrıntıda {expected}).",
              "Make {place}'s counts table agree with the detail tables ({expected})."),
    "IZ501": ("{place}: birikimli değerin azalmasının nedeni açıklanmalı ya da değer düzeltilmeli.",
              "{place}: explain the decrease of a cumulative value or correct it."),
    "IZ502": ("{place} değeri birikimli toplam olarak ({expected}) yazılmalı.",
              "{place}: print the cumulative total ({expected})."),
    "IZ503": ("{place}: açıklamadaki artış ile basılı değer uyumlu hale getirilmeli.",
              "{place}: make the explanation's increment agree with the printed value."),
    "IZ511": ("{place}: kümülatif değer {expected} olarak düzeltilmeli ya da dönem değeri düzeltilmeli; oran "
              "kümülatif değerle yeniden hesaplanmalı.",
              "{place}: correct the cumulative value to {expected} or the period's value; recompute the rate from "
              "the cumulative value."),
    "IZ504": ("{place}: açıklama dönemde yapılanı ve değerdeki artışı tutarlı biçimde anlatmalı.",
              "{place}: the explanation should agree with the rise in the value."),
    "IZ505": ("{place}: açıklamadaki çalışmaların değere neden yansımadığı belirtilmeli.",
              "{place}: say why the work listed does not show in the value."),
    "IZ506": ("{place}: açıklamadaki değer göstergenin birimiyle yazılmalı ya da değer düzeltilmeli.",
              "{place}: write the explanation's figure in the gösterge's unit, or correct the value."),
    "IZ507": ("{place}: göstergenin birimi açıkça yazılmalı.", "{place}: state the gösterge's unit."),
    "IZ601": ("{place}: numaralandırmadaki boşluk giderilmeli ya da eksik satır eklenmeli.",
              "{place}: close the numbering gap or add the missing row."),
    "IZ602": ("{place}: yinelenen kod düzeltilmeli.", "{place}: correct the duplicate code."),
    "IZ603": ("{place}: tablo satırı düzeltilmeli; her değer kendi sütununa yazılmalı.",
              "{place}: fix the row so that every value is in its own column."),
    "IZ604": ("Başlık raporun her yerinde aynı yazılmalı.", "Spell the title the same way throughout."),
    "IZ605": ("{place}: özet ve ayrıntı tablolarındaki performans hedefi numaraları eşleştirilmeli.",
              "{place}: make the performans hedefi numbers of the summary and detail tables agree."),
}

LAYOUTS = {
    "guide_standard": ("Rehberin standart izleme tablosu (gösterge başına bir satır)",
                       "The guide's standard monitoring table (one row per gösterge)"),
    "guide_quarters": ("Rehberin izleme tablosu, dönem sütunlarıyla (her çeyrek bir sütun, yanında yıl sonu değeri C)",
                       "The guide's monitoring table with period columns (one column per quarter, then the value "
                       "reached C)"),
    "monthly_rows": ("Dönem satırlı gösterge tabloları (her gösterge için 3. ve 6. ay satırları)",
                     "Gösterge tables with a row per period (month 3, month 6)"),
    "keyvalue": ("Hedef bilgisi etiket | değer kutusunda, dönem satırlı gösterge tabloları (dönem ve kümülatif "
                 "gerçekleşme)", "Hedef information in a label | value box, gösterge tables with a row per period "
                             "(period and cumulative values)"),
    "activity_deviation": ("Faaliyet raporu: müdürlük başına gösterge tablosu (hedef, sonuç, sapma durumu)",
                           "Activity report: a gösterge table per müdürlük (target, result, deviation)"),
    "programme": ("Performans programı tabloları (hedef, etki, başlangıç değeri; gerçekleşme yok)",
                  "Performance programme tables (target, weight, baseline; no actuals)"),
    "unknown": ("Tanınmayan düzen", "Unrecognised layout"),
}


def tr_en(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def ui(key: str, lang: str, **kw) -> str:
    text = tr_en(UI[key], lang)
    return text.format(**kw) if kw else text


def category_label(cat: str, lang: str) -> str:
    return tr_en(CATEGORY.get(cat, (cat, cat)), lang)


def layout_label(layout: str, lang: str) -> str:
    return tr_en(LAYOUTS.get(layout, (layout, layout)), lang)


def num(v: float | None, lang: str, decimals: int = 2) -> str:
    return "—" if v is None else format_number(v, decimals, lang=lang)


def pct(v: float | None, lang: str) -> str:
    """A percentage as each language writes it: ``%34,00`` in Turkish (the sign first), ``34.00%`` in English."""
    if v is None:
        return "—"
    return format_number(v, 2, lang=lang) + "%" if lang == "en" else "%" + format_number(v, 2, lang=lang)


def cut(text: str, limit: int) -> str:
    """Cut at a word boundary, with "…" when something was left out."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    head = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return head.rstrip(" ,;:-–") + "…"


def input_name(report: Report) -> str:
    """The input's file name, without the machine path."""
    return PurePath(report.source.path).name if report.source.path else ""


def _tr_title(text: str) -> str:
    def word(w: str) -> str:
        low = w.replace("I", "ı").replace("İ", "i").lower()
        return low[:1].replace("i", "İ").replace("ı", "I").upper() + low[1:] if low else low
    return re.sub(r"[^\s\-–/]+", lambda m: word(m.group(0)), text)


def period_text(report: Report, lang: str) -> str:
    """The period as the title prints it: "6 aylık (Ocak-Haziran)"; empty when the title does not say."""
    title = report.title or ""
    parts = []
    m = re.search(r"(\d+)\s*AYLIK", title, re.I)
    if m:
        parts.append(f"{m.group(1)} aylık" if lang != "en" else f"{m.group(1)}-month")
    elif re.search(r"YIL\s*SONU", title, re.I):
        parts.append("yılsonu" if lang != "en" else "year-end")
    m = re.search(r"\(([^)]*)\)", title)
    if m:
        parts.append(f"({_tr_title(m.group(1).strip())})")
    return " ".join(parts)


def finding_anchor(f: Finding) -> str:
    fid = getattr(f, "id", "") or ""
    if fid:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", fid)
    key = f"{f.rule}|{f.location}|{f.page}|{f.message}"
    return "f-" + f.rule + "-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


_READING_ADVICE = ("{place}: bu yer belgeden elle kontrol edilmeli; araç okuyamadığı için denetlemedi (taranmış bir "
                   "belgede daha iyi bir tarama, 300 dpi, istenebilir).",
                   "{place}: check this place in the document by hand; the tool could not read it and did not check "
                   "it (for a scanned document, a better scan, 300 dpi, may be asked for).")


def is_reading_problem(f: Finding) -> bool:
    return getattr(f, "origin", None) == "reader"


# --------------------------------------------------------------------------------------------------- effects

@dataclass
class Effect:
    label: str
    before: float | None
    after: float | None
    level: str = "hedef"  # hedef | amac | overall

    @property
    def delta(self) -> float:
        if self.before is None or self.after is None:
            return 0.0
        return self.after - self.before


@dataclass
class FindingText:
    finding: Finding
    anchor: str
    title: str  # Bulgu
    place: str
    rule_id: str
    rule_title: str
    criterion: str  # Kriter: the sentence(s) the rule rests on
    statement: str  # Tespit, in a sentence (the rule's message)
    facts: list[tuple[str, str]]  # Tespit, as label/value pairs
    tolerance_text: str  # "fark 12,50; yuvarlama payı 0,01" (empty where it does not apply)
    effects: list[Effect]
    effect_text: str
    recommendation: str  # Öneri
    management: str | None  # İdare açıklaması (a suppression's reason)
    expected_label: str | None
    expected_text: str  # the value the evidence picture writes beside the cell
    impact: tuple  # how much it moves the overall, amaç and hedef figures (and its own), for ordering
    reading: bool = False
    consequences: list["FindingText"] = field(default_factory=list)


def _place(f: Finding, lang: str) -> str:
    parts = [f.amac, f.hedef, f.performans_hedefi, _printed_item(f)]
    s = " ".join(p for p in parts if p)
    if f.period is not None:
        s += f", {f.period}. ay" if lang != "en" else f", month {f.period}"
    return s


def _printed_item(f: Finding) -> str | None:
    code = f.params.get("code") if isinstance(f.params, dict) else None
    return code if isinstance(code, str) and code else f.item


def _find_block(report: Report, f: Finding):
    for h in report.hedefler:
        if (h.amac, h.hedef) == (f.amac, f.hedef) and (f.performans_hedefi is None or
                                                        h.performans_hedefi == f.performans_hedefi):
            return h
    return None


def _summary_before(report: Report, amac: str) -> float | None:
    a = report.summary.amac(amac)
    return a.reported_rate if a is not None else None


def _chain(report: Report, rc: Recomputed, amac: str | None, hedef_delta: float, lang: str,
           hedef_label: tuple[str, float | None] | None = None, amac_delta: float | None = None) -> list[Effect]:
    """Effects of moving one hedef's figure by ``hedef_delta`` (or an amaç's by ``amac_delta``) up the chain:
    the amaç's rate (mean of its hedefler) and the overall rate (mean of the amaçlar)."""
    out: list[Effect] = []
    if hedef_label is not None and hedef_label[1] is not None:
        out.append(Effect(hedef_label[0], hedef_label[1], hedef_label[1] + hedef_delta, "hedef"))
    n_amac = len(report.amac_codes()) or 1
    if amac_delta is None:
        if amac is None:
            return out
        n_hedef = len([k for k in report.hedef_keys() if k[0] == amac]) or 1
        amac_delta = hedef_delta / n_hedef
        before = _summary_before(report, amac)
        if before is None:
            before = rc.amac_printed.get(amac)
        if before is not None and abs(amac_delta) >= 0.005:
            out.append(Effect(f"{amac} " + ("amaç gerçekleşme oranı" if lang != "en" else "amaç rate"),
                              before, before + amac_delta, "amac"))
    overall_before = report.summary.overall_rate if report.summary.overall_rate is not None else rc.overall_printed
    d = amac_delta / n_amac
    if overall_before is not None and abs(d) >= 0.005:
        out.append(Effect("Genel gerçekleşme oranı" if lang != "en" else "Overall rate", overall_before,
                          overall_before + d, "overall"))
    return out


def _ph_share(report: Report, f: Finding) -> float:
    """The weight (as a fraction) of a performans hedefi block in its hedef; 1 for an unsplit hedef."""
    if not f.performans_hedefi:
        return 1.0
    from ..recomputing.report import _ph_weights

    blocks = [h for h in report.hedefler if (h.amac, h.hedef) == (f.amac, f.hedef) and h.performans_hedefi]
    w = _ph_weights(report, f.amac or "", f.hedef or "").get(f.performans_hedefi)
    return (w / 100.0) if w is not None else 1.0 / max(len(blocks), 1)


def effects_of(f: Finding, report: Report, rc: Recomputed, lang: str) -> list[Effect]:
    """The printed figures this finding changes, before and after correcting it alone (the other printed figures
    kept as printed)."""
    try:
        return _effects(f, report, rc, lang)
    except Exception:  # noqa: BLE001 - an effect we cannot compute is left out, never a crash of the report
        return []


def _effects(f: Finding, report: Report, rc: Recomputed, lang: str) -> list[Effect]:
    hedef_word = "hedef performansı" if lang != "en" else "hedef performance"
    if f.rule in ("IZ101", "IZ103") and f.expected is not None:
        h = _find_block(report, f)
        hc = rc.hedef_check(h) if h is not None else None
        if hc is None or hc.month != f.period or not hc.checkable:
            return []
        pairs, old = [], []
        for g in h.gostergeler:
            p = latest_period(g, hc.month)
            if g.weight is None or p is None:
                return []
            rate = p.reported_rate
            new = f.expected if g.code == f.item else rate
            if new is None or (rate is None and g.code != f.item):
                return []
            pairs.append((g.weight, new))
            old.append((g.weight, rate))
        if any(r is None for _, r in old):
            return []
        before, after = fx.hedef_performance(old), fx.hedef_performance(pairs)
        where = " ".join(x for x in h.key if x)
        share = _ph_share(report, f)
        return _chain(report, rc, f.amac, (after - before) * share, lang,
                      (f"{where} {hedef_word} ({'basılı oranlarla' if lang != 'en' else 'from printed rates'})",
                       before)) if abs(after - before) >= 0.005 else []
    if f.rule in ("IZ201", "IZ202", "IZ203") and f.reported is not None and f.expected is not None:
        share = _ph_share(report, f)
        return _chain(report, rc, f.amac, (f.expected - f.reported) * share, lang)
    if f.rule in ("IZ401", "IZ402") and f.reported is not None and f.expected is not None:
        return _chain(report, rc, f.amac, f.expected - f.reported, lang)
    if f.rule == "IZ403" and f.reported is not None and f.expected is not None:
        return _chain(report, rc, f.amac, 0.0, lang, amac_delta=f.expected - f.reported)
    if f.rule == "IZ404" and f.reported is not None and f.expected is not None:
        return [Effect("Genel gerçekleşme oranı" if lang != "en" else "Overall rate", f.reported, f.expected,
                       "overall")]
    return []


# ------------------------------------------------------------------------------------------------ composing

def _criterion(rule_id: str, lang: str) -> str:
    r = REGISTRY.get(rule_id)
    if r is None:
        return ""
    return r.rationale_en if lang == "en" else r.rationale_tr


def short_label(rule_id: str, lang: str) -> str:
    return tr_en(SHORT_LABEL.get(rule_id, ("hesaplanan", "recomputed")), lang)


def _value(f: Finding, v: float | None, lang: str) -> str:
    if v is None:
        return "—"
    if f.rule in COUNT_RULES or (f.rule in ("IZ204", "IZ205") and float(v).is_integer()):
        return format_number(v, 0, lang=lang)
    return num(v, lang)


def _inputs(f: Finding, report: Report, rc: Recomputed, lang: str) -> str:
    p = f.params if isinstance(f.params, dict) else {}
    if f.rule in ("IZ101", "IZ103", "IZ104") and "actual" in p:
        return (f"C = {_value(f, p.get('actual'), lang)}, B = {_value(f, p.get('target'), lang)}, "
                f"A = {_value(f, p.get('baseline'), lang)}; (C − A) / (B − A) × 100")
    if f.rule == "IZ301":
        return (f"{'harcama' if lang != 'en' else 'spending'} {_value(f, p.get('spent'), lang)} / "
                f"{'bütçe' if lang != 'en' else 'budget'} {_value(f, p.get('budget'), lang)} × 100")
    if f.rule in ("IZ201", "IZ202", "IZ203", "IZ204"):
        h = _find_block(report, f)
        hc = rc.hedef_check(h) if h is not None else None
        if hc is not None:
            rate_word = "oran" if lang != "en" else "rate"
            weight_word = "ağırlık" if lang != "en" else "weight"
            items = [f"{g.printed_code or g.code}: {rate_word} {num(r, lang)} × {weight_word} {num(g.weight, lang)}"
                     for g, r in hc.rates]
            return "; ".join(items)
    if f.rule == "IZ403" and f.amac:
        vals = [f"{k[1]} {num(v, lang)}" for k, v in rc.hedef_values.items() if k[0] == f.amac]
        return ("ortalaması alınan hedefler: " if lang != "en" else "mean of the hedefler: ") + ", ".join(vals)
    if f.rule == "IZ404":
        vals = [f"{a} {num(v, lang)}" for a, v in rc.amac_values.items()]
        return ("ortalaması alınan amaçlar: " if lang != "en" else "mean of the amaçlar: ") + ", ".join(vals)
    return ""


def compose(f: Finding, report: Report, rc: Recomputed, lang: str = "tr") -> FindingText:
    """The audit finding's parts for one finding."""
    rule_title = tr_en(RULE_TITLE[f.rule], lang) if f.rule in RULE_TITLE else category_label(f.category, lang)
    place = _place(f, lang)
    labels = VALUE_LABELS.get(f.rule)
    rep_label, exp_label = (tr_en(labels, lang) if labels else None) or (ui("printed", lang), ui("recomputed", lang))
    facts: list[tuple[str, str]] = []
    if f.reported is not None:
        facts.append((rep_label, _value(f, f.reported, lang)))
    if f.expected is not None and exp_label:
        facts.append((exp_label, _value(f, f.expected, lang)))
    tolerance_text = ""
    if f.rule in RECONCILE_RULES and f.reported is not None and f.expected is not None:
        diff = f.reported - f.expected
        facts.append((ui("difference", lang), num(diff, lang)))
        tol = f.tolerance
        if tol is not None:
            facts.append((ui("allowance", lang), num(tol, lang) if tol >= 0.005 else format_number(tol, 4, lang=lang)))
            tolerance_text = (f"{'fark' if lang != 'en' else 'difference'} {num(abs(diff), lang)}; "
                              f"{'yuvarlama payı' if lang != 'en' else 'rounding allowance'} "
                              f"{num(tol, lang) if tol >= 0.005 else format_number(tol, 4, lang=lang)}")
    inputs = _inputs(f, report, rc, lang)
    if inputs:
        facts.append((ui("inputs", lang), inputs))
    if f.page:
        facts.append((ui("page", lang), str(f.page)))
    ref = getattr(f, "ref", None)
    if ref:  # a draft has no page to crop: the cell reference is the evidence
        facts.append((ui("ref", lang), str(ref)))
    effects = effects_of(f, report, rc, lang)
    # a reading problem is the tool's, not the report's: the advice is to look at the place, never to fix the report
    advice = _READING_ADVICE if is_reading_problem(f) else _ADVICE.get(f.rule)
    exp_text = _value(f, f.expected, lang) if f.expected is not None else "—"
    where = place or (f"{'Page' if lang == 'en' else 'Sayfa'} {f.page}" if is_reading_problem(f) and f.page
                      else ui("report_level", lang))
    recommendation = (tr_en(advice, lang).format(place=where, expected=exp_text)
                      if advice else ("Bulgu incelenmeli ve gerekirse düzeltilmeli." if lang != "en"
                                      else "Review the finding and correct the report where needed."))
    recommendation = recommendation[0].upper() + recommendation[1:]
    title = f"{rule_title} — {place}" if place else rule_title
    own = abs(f.reported - f.expected) if f.reported is not None and f.expected is not None else 0.0
    impact = tuple(round(max((abs(e.delta) for e in effects if e.level == lvl), default=0.0), 4)
                   for lvl in ("overall", "amac", "hedef")) + (round(own, 4),)
    return FindingText(
        finding=f, anchor=finding_anchor(f), title=title, place=place, rule_id=f.rule, rule_title=rule_title,
        criterion=_criterion(f.rule, lang), statement=f.message, facts=facts, tolerance_text=tolerance_text,
        effects=effects, effect_text="" if effects else ui("no_effect", lang), recommendation=recommendation,
        management=f.suppression_reason if f.suppressed else None,
        expected_label=exp_label if f.expected is not None else None, expected_text=exp_text, impact=impact,
        reading=is_reading_problem(f),
    )


_SEV_ORDER = {"error": 0, "warning": 1, "info": 2}


def compose_all(findings: list[Finding], report: Report, rc: Recomputed, lang: str = "tr") -> list[FindingText]:
    """Every finding composed, causes at the top level ordered by severity and then by what they change most,
    each consequence (``caused_by``) under its cause. Reading problems are kept apart (``reading``)."""
    texts = [compose(f, report, rc, lang) for f in findings]
    by_id = {getattr(t.finding, "id", "") or "": t for t in texts}
    by_id.pop("", None)
    top: list[FindingText] = []
    for t in texts:
        cause = getattr(t.finding, "caused_by", None)
        if cause and cause in by_id and by_id[cause] is not t:
            by_id[cause].consequences.append(t)
        else:
            top.append(t)
    for t in texts:
        t.impact = max([t.impact] + [c.impact for c in t.consequences])
    top.sort(key=lambda t: (t.reading, _SEV_ORDER.get(t.finding.severity, 3), tuple(-x for x in t.impact),
                            t.finding.sort_key()))
    return top


def flatten(texts: list[FindingText]) -> list[FindingText]:
    out: list[FindingText] = []
    for t in texts:
        out.append(t)
        out.extend(flatten(t.consequences))
    return out


def effect_line(e: Effect, lang: str) -> str:
    sign = "+" if e.delta > 0 else ("−" if e.delta < 0 else "±")
    return (f"{e.label}: {num(e.before, lang)} → {num(e.after, lang)} "
            f"({sign}{num(abs(e.delta), lang)} {ui('points', lang)})")


# ---------------------------------------------------------------------------------------------- first screen

@dataclass
class Headline:
    figures: int = 0  # printed figures the tool recomputes
    checked: int = 0
    reconciled: int = 0
    not_reconciled: int = 0
    not_checkable: int = 0
    errors: int = 0  # causes only, not suppressed
    consequences: int = 0
    warnings: int = 0
    infos: int = 0
    reading: int = 0
    suppressed: int = 0
    suppressed_errors: int = 0
    unused_suppressions: list = field(default_factory=list)


def headline(report: Report, findings: list[Finding], rc: Recomputed, unused: list | None = None) -> Headline:
    h = Headline(unused_suppressions=list(unused or []))

    def figure(printed: bool, expected_known: bool, off: bool) -> None:
        if not printed:
            return
        h.figures += 1
        if not expected_known:
            h.not_checkable += 1
            return
        h.checked += 1
        if off:
            h.not_reconciled += 1
        else:
            h.reconciled += 1

    for r in rc.rates:
        figure(r.period.reported_rate is not None, r.expected is not None, r.off)
    for c in rc.hedefler:
        figure(c.hedef.reported_performance is not None, c.expected is not None and c.checkable, c.off)
    for a in rc.activities:
        figure(a.faaliyet.reported_rate is not None, a.expected is not None, a.off)
    flagged = {(f.rule, f.amac, f.hedef, f.performans_hedefi) for f in findings}
    for a in report.summary.amaclar:
        for sh in a.hedefler:
            figure(sh.reported_performance is not None, (a.amac, sh.hedef) in rc.hedef_values,
                   ("IZ401", a.amac, sh.hedef, None) in flagged)
        for value in (a.reported_rate, a.counts.reported_rate if a.counts else None):
            figure(value is not None, a.amac in rc.amac_values, ("IZ403", a.amac, None, None) in flagged)
    figure(report.summary.overall_rate is not None, rc.overall is not None, ("IZ404", None, None, None) in flagged)
    for f in findings:
        if is_reading_problem(f):
            h.reading += 1
            continue
        if f.suppressed:
            h.suppressed += 1
            h.suppressed_errors += f.severity == "error"
            continue
        if getattr(f, "caused_by", None):
            h.consequences += 1
        elif f.severity == "error":
            h.errors += 1
        elif f.severity == "warning":
            h.warnings += 1
        else:
            h.infos += 1
    return h


def verdict(h: Headline, lang: str) -> tuple[str, str]:
    """The verdict in one sentence, and its tone: "bad", "doubt" or "clean" (never clean while an error is
    suppressed or a place could not be read)."""
    en = lang == "en"
    if h.errors:
        text = (f"This report has {h.errors} errors: printed figures that do not reconcile with the recomputation "
                f"or are missing" if en else
                f"Bu raporda {h.errors} hata var: yeniden hesaplamayla tutmayan ya da eksik basılmış rakamlar")
        if h.suppressed_errors:
            text += (f"; {h.suppressed_errors} more were suppressed with the management's explanation" if en else
                     f"; {h.suppressed_errors} hata daha idare açıklamasıyla bastırıldı")
        return text + ".", "bad"
    if h.suppressed_errors:
        return ((f"No open error, but {h.suppressed_errors} errors were suppressed with the management's "
                 f"explanation: the printed figures do not all reconcile." if en else
                 f"Açık hata yok, ama {h.suppressed_errors} hata idare açıklamasıyla bastırıldı: basılı rakamların "
                 f"hepsi tutmuyor."), "doubt")
    if h.reading:
        return ((f"No error among the figures that could be read; {h.reading} places could not be read with "
                 f"certainty and were not checked." if en else
                 f"Okunabilen rakamlarda hata yok; {h.reading} yer kesin okunamadı ve denetlenemedi."), "doubt")
    return (("Every printed figure that could be checked reconciles with the recomputation." if en else
             "Denetlenebilen basılı rakamların hepsi yeniden hesaplamayla tutuyor."), "clean")
