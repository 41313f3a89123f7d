"""The IZ7xx rules: consistency across documents (``izlem-audit compare``).

Each rule is a catalog rule like the single-report ones (id, name, category, severity, TR/EN messages,
rationale, example); it looks at a :class:`CompareContext` and yields findings that name the two documents
they compare (``params["documents"]``: the paths as given on the command line, earlier first). Run against a
single report's context (``check``) they yield nothing.

Structure (targets, weights, baselines, titles, budgets, which items exist) is compared with the reference —
the earliest document; values (cumulative totals, a month printed twice) between consecutive documents,
earlier to later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from ..model import Cell, Gosterge, Period
from ..normalising.text import ascii_fold, fold, squash
from ..normalising.units import CANONICAL_UNITS, split_unit
from ..rules.base import REGISTRY, Finding, rule
from .alignment import Alignment, Placed, Row
from .documents import Document

EPS = 0.005  # two printed numbers are the same figure when they differ by less than half a cent / hundredth
EXPLAINED = re.compile(r"(ek odenek|aktarma|aktarim|aktarildi|revize|revizyon|odenek ekle|odenek artir|"
                       r"odenek azalt|butce degisikligi|butcesi guncellen|meclis karar)")
# a level, not a running total: a share, a duration, an amount per person, an average
LEVEL_WORDS = re.compile(r"(kisi basi|kisi basina|basina dusen|ortalama|orani|oran\b|yuzde|payi\b|suresi\b)")
RUNNING_KINDS = {"count", "mass", "volume", "area", "length", "energy"}


@dataclass
class CompareContext:
    documents: list[Document]  # earliest first
    alignment: Alignment
    thresholds: dict[str, float] = field(default_factory=dict)


def compare_rule(**kw):
    """``@rule`` for the IZ7xx range: the function runs only on a comparison's context."""
    def deco(fn):
        def check(ctx) -> Iterable[Finding]:
            if not isinstance(ctx, CompareContext):
                return []
            return list(fn(ctx))
        check.__name__ = fn.__name__
        rule(**kw)(check)
        return fn
    return deco


def _cell(p: Placed, name: str) -> Cell | None:
    return p.item.evidence.cells.get(name) if p.item is not None else None


def _period_cell(p: Period, name: str) -> Cell | None:
    return p.evidence.cells.get(name)


def where(p: Placed, cell: Cell | None = None) -> dict[str, Any]:
    """One document's evidence for a finding: its path, the page and box of the value (or the row), as printed."""
    ev = p.item.evidence if p.item is not None else p.hedef.evidence
    page = cell.page if cell is not None and cell.page is not None else (ev.page or p.hedef.page)
    bbox = cell.bbox if cell is not None and cell.bbox is not None else ev.bbox
    if p.item is None and cell is not None and cell.bbox is not None:  # a hedef block's label row: that row
        from ..model import Evidence

        x0, x1 = (ev.bbox[0], ev.bbox[2]) if ev.bbox else (cell.bbox[0], cell.bbox[2])
        ev = Evidence(cell.page, (min(x0, cell.bbox[0]), cell.bbox[1], max(x1, cell.bbox[2]), cell.bbox[3]), {},
                      cell.ref)
    ref = (cell.ref if cell is not None else None) or ev.ref
    d: dict[str, Any] = {"path": p.doc.path, "page": page, "bbox": None if bbox is None else [round(v, 2) for v in bbox],
                         "text": cell.text if cell is not None else None, "row_page": ev.page,
                         "row_bbox": None if ev.bbox is None else [round(v, 2) for v in ev.bbox]}
    if ref:
        d["ref"] = ref
    return d


def make_finding(rule_id: str, row: Row, a: Placed, b: Placed, *, period: int | None = None,
                 cell_a: Cell | None = None, cell_b: Cell | None = None, reported: float | None = None,
                 expected: float | None = None, field: str | None = None, **params: Any) -> Finding:
    """A finding about ``row`` that compares document ``a`` (earlier / reference) with ``b`` (later). Its page and
    box are the later document's; ``params["evidence"]`` holds both."""
    r = REGISTRY[rule_id]
    ev_a, ev_b = where(a, cell_a), where(b, cell_b)
    f = Finding(rule=rule_id, category=r.category, severity=r.severity, amac=row.amac, hedef=row.hedef,
                performans_hedefi=row.performans_hedefi, item=row.code, period=period, page=ev_b["page"],
                bbox=tuple(ev_b["bbox"]) if ev_b["bbox"] else None, reported=reported, expected=expected,
                row_page=ev_b["row_page"], row_bbox=tuple(ev_b["row_bbox"]) if ev_b["row_bbox"] else None,
                field=field, ref=ev_b.get("ref"))
    f.params = {"reported": reported, "expected": expected, "code": (b if b.how != "absent" else a).display_code, "doc_a": a.doc.path, "doc_b": b.doc.path,
                "months_a": a.doc.months, "months_b": b.doc.months, **params,
                "documents": [a.doc.path, b.doc.path], "evidence": [ev_a, ev_b]}
    f.id = "-".join([f.default_id(), f"D{a.doc.index}", f"D{b.doc.index}"])
    return f


def _ref_and_later(ctx: CompareContext, row: Row) -> Iterable[tuple[Placed, Placed]]:
    """(reference placement, later placement) for every later document holding the row."""
    held = [row.placed[d.index] for d in ctx.documents if d.index in row.placed]
    for later in held[1:]:
        yield held[0], later


def _consecutive(ctx: CompareContext, row: Row) -> Iterable[tuple[Placed, Placed]]:
    """(earlier, later) placements of consecutive documents that both hold the row."""
    held = [row.placed[d.index] for d in ctx.documents if d.index in row.placed]
    yield from zip(held, held[1:])


def differs(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) >= EPS


def _number_rule(ctx: CompareContext, rule_id: str, attr: str, cell_name: str) -> Iterable[Finding]:
    for row in ctx.alignment.items:
        if row.kind != "gosterge":
            continue
        for a, b in _ref_and_later(ctx, row):
            va, vb = getattr(a.item, attr), getattr(b.item, attr)
            if differs(va, vb):
                yield make_finding(rule_id, row, a, b, cell_a=_cell(a, cell_name), cell_b=_cell(b, cell_name),
                                   reported=vb, expected=va, a_val=va, b_val=vb)


@compare_rule(id="IZ701", name="target-changed", category="target_changed", severity="error",
              message_tr="{code}: yılsonu hedefi {doc_a} belgesinde {a_val}, {doc_b} belgesinde {b_val}.",
              message_en="{code}: the year-end target is {a_val} in {doc_a} and {b_val} in {doc_b}.",
              rationale_tr="Göstergenin hedefi (B) performans programında bir kez belirlenir; izleme raporları aynı "
                           "hedefe göre ölçer. Dönemden döneme değişen bir hedef, gerçekleşme oranını anlamsız kılar; "
                           "Sayıştay tutarlılık denetiminde programla raporlar arasındaki hedef farkını bulgu yapar.",
              rationale_en="A gösterge's target (B) is set once in the performance programme and every monitoring "
                           "report measures against it; a target that moves between reports makes the rate "
                           "meaningless. The Court of Accounts reports such differences as inconsistencies.",
              example="6 aylık raporda PG1 hedefi 4.000, 9 aylık raporda 3.500.")
def target_changed(ctx: CompareContext) -> Iterable[Finding]:
    yield from _number_rule(ctx, "IZ701", "target", "target")


@compare_rule(id="IZ702", name="weight-changed", category="weight_changed", severity="error",
              message_tr="{code}: hedefe etkisi {doc_a} belgesinde %{a_val}, {doc_b} belgesinde %{b_val}.",
              message_en="{code}: the weight (hedefe etkisi) is {a_val}% in {doc_a} and {b_val}% in {doc_b}.",
              rationale_tr="Hedefe etkisi hedef performansının ağırlığıdır; yıl içinde değişmesi hedef performansını "
                           "dönemler arasında karşılaştırılamaz kılar ve bir göstergenin ağırlığını sonradan "
                           "düşürerek düşük performansı gizlemeye olanak verir.",
              rationale_en="The weight is how much the gösterge counts in the hedef's performance; moving it during "
                           "the year makes performances of different reports incomparable and can hide a weak "
                           "gösterge.",
              example="PG1 %60 → %40, PG2 %40 → %60.")
def weight_changed(ctx: CompareContext) -> Iterable[Finding]:
    yield from _number_rule(ctx, "IZ702", "weight", "weight")


@compare_rule(id="IZ703", name="baseline-changed", category="baseline_changed", severity="error",
              message_tr="{code}: başlangıç değeri (A) {doc_a} belgesinde {a_val}, {doc_b} belgesinde {b_val}.",
              message_en="{code}: the baseline (A) is {a_val} in {doc_a} and {b_val} in {doc_b}.",
              rationale_tr="Plan dönemi başlangıç değeri sabittir; değişirse (C-A)/(B-A) ile hesaplanan performans "
                           "de değişir.",
              rationale_en="The plan's baseline is fixed; when it changes, so does the (C-A)/(B-A) performance.",
              example="A 38,00 → 36,00.")
def baseline_changed(ctx: CompareContext) -> Iterable[Finding]:
    yield from _number_rule(ctx, "IZ703", "baseline", "baseline")


KIND_NAME = {"gosterge": {"tr": "gösterge", "en": "gösterge"}, "faaliyet": {"tr": "faaliyet", "en": "faaliyet"},
             "hedef": {"tr": "hedef", "en": "hedef"}}


@compare_rule(id="IZ704", name="item-missing", category="indicator_missing", severity="error",
              message_tr="{code} ({what}) \"{title}\" {doc_a} belgesinde var, {doc_b} belgesinde yok.",
              message_en="{code} ({what}) \"{title}\" is in {doc_a} but not in {doc_b}.",
              rationale_tr="Programdaki her gösterge, faaliyet ve hedef her izleme raporunda yer almalıdır; "
                           "raporlanmayan bir gösterge, gerçekleşmesi izlenmeyen bir taahhüttür.",
              rationale_en="Every gösterge, faaliyet and hedef of the programme belongs in every monitoring report; "
                           "one that is dropped is a commitment no longer monitored.",
              example="6 aylık raporda F2 var, 9 aylık raporda yok.")
def item_missing(ctx: CompareContext) -> Iterable[Finding]:
    yield from _presence(ctx, "IZ704", missing=True)


@compare_rule(id="IZ705", name="item-added", category="indicator_added", severity="warning",
              message_tr="{code} ({what}) \"{title}\" {doc_b} belgesinde var, {doc_a} belgesinde yok.",
              message_en="{code} ({what}) \"{title}\" is in {doc_b} but not in {doc_a}.",
              rationale_tr="Yıl içinde eklenen bir gösterge ya da faaliyet programda yoktur: hedefi ve ağırlığı "
                           "kimin, ne zaman belirlediği açıklanmalıdır.",
              rationale_en="A gösterge or faaliyet added during the year is not in the programme: who set its "
                           "target and weight, and when, needs saying.",
              example="9 aylık raporda yeni bir F3.")
def item_added(ctx: CompareContext) -> Iterable[Finding]:
    yield from _presence(ctx, "IZ705", missing=False)


def _presence(ctx: CompareContext, rule_id: str, missing: bool) -> Iterable[Finding]:
    docs = ctx.documents
    rows = ctx.alignment.hedefler + ctx.alignment.items
    for row in rows:
        parent_gone = row.parent is not None
        for n in range(1, len(docs)):
            prev, doc = docs[n - 1], docs[n]
            if row.kind == "faaliyet" and not (prints_faaliyetler(prev) and prints_faaliyetler(doc)):
                continue  # a layout without faaliyet tables (the guide's A/B/C table) says nothing of them
            if missing:
                if prev.index in row.placed and doc.index not in row.placed:
                    if parent_gone and doc.index not in row.parent.placed:
                        continue  # the whole hedef is missing: said once, for the hedef
                    a = row.placed[prev.index]
                    yield make_finding(rule_id, row, a, _absent(a, doc, row), field=row.kind,
                                       what=KIND_NAME[row.kind], title=a.title)
            else:
                if doc.index in row.placed and prev.index not in row.placed:
                    if parent_gone and prev.index not in row.parent.placed:
                        continue
                    b = row.placed[doc.index]
                    yield make_finding(rule_id, row, _absent(b, prev, row), b, field=row.kind,
                                       what=KIND_NAME[row.kind], title=b.title)


def prints_faaliyetler(doc: Document) -> bool:
    """Whether a document prints faaliyetler at all: a report in the guide's A/B/C layout has no faaliyet table,
    so the programme's faaliyetler are neither missing from it nor is their budget changed there."""
    return any(h.faaliyetler for h in doc.report.hedefler)


def _absent(p: Placed, doc: Document, row: Row) -> Placed:
    """Where an item would stand in a document that lacks it: its hedef block there, when that exists."""
    parent = row.parent
    if parent is not None and doc.index in parent.placed:
        h = parent.placed[doc.index].hedef
        return Placed(doc, h, None, "absent", 0.0)
    from ..model import Hedef

    return Placed(doc, Hedef(row.amac, row.hedef, row.performans_hedefi), None, "absent", 0.0)


def running_total(g: Gosterge) -> bool:
    """A gösterge whose value accumulates over the year (a count, tonnes, m², km): not a share, a duration,
    an amount per person or an average, and not one meant to decrease (B below A)."""
    if CANONICAL_UNITS.get(g.unit or "") not in RUNNING_KINDS:
        return False
    if LEVEL_WORDS.search(ascii_fold(g.name or "")):
        return False
    if g.baseline is not None and g.target is not None and g.target < g.baseline:
        return False
    return True


def _latest(g: Gosterge) -> Period | None:
    """The latest value a report prints for the gösterge: the value reached (C) where the layout prints one beside
    its period columns, else the latest period's."""
    if g.reached is not None and g.reached.actual is not None and g.reached.month is not None:
        return g.reached
    held = [p for p in g.periods if p.month is not None and p.actual is not None]
    return max(held, key=lambda p: p.month) if held else None


def comparable_periods(g: Gosterge) -> list[Period]:
    """The periods whose values are the value *at* their month, as every monitoring report prints it: all of them,
    except in a layout with period columns beside C (``reached``) where each column holds that quarter's own figure
    (a ``flow``, or a kind not known) — those are no month's value; then only C, at the report's last month."""
    if g.reached is None:
        return list(g.periods)
    from ..recomputing.series import series_kind

    if series_kind(g).kind in ("cumulative", "level"):
        return list(g.periods)
    return [g.reached] if g.reached.month is not None else []


@compare_rule(id="IZ706", name="cumulative-falls-across-reports", category="cumulative_across_reports",
              severity="error",
              message_tr="{code}: kümülatif değer {doc_b} belgesinde {month_b}. ay için {b_val}; {doc_a} belgesi "
                         "{month_a}. ay için {a_val} basmıştı.",
              message_en="{code}: the running total in {doc_b} for month {month_b} is {b_val}; {doc_a} printed "
                         "{a_val} for month {month_a}.",
              rationale_tr="Yıl içinde biriken bir gösterge (sayı, ton, m², km) sonraki raporda düşemez: ya önceki "
                           "rapordaki değer yanlıştı ya sonraki. Oran, süre, kişi başına miktar gibi düzey "
                           "göstergeleri düşebilir; bu kural onlara uygulanmaz.",
              rationale_en="A running total (a count, tonnes, m², km) cannot fall in a later report: either the "
                           "earlier figure or the later one is wrong. Levels — shares, durations, amounts per "
                           "person — may fall and are not checked.",
              example="6 aylık raporda 6. ay 2.100 ağaç; 9 aylık raporda 9. ay 1.950.")
def cumulative_falls(ctx: CompareContext) -> Iterable[Finding]:
    for row in ctx.alignment.items:
        if row.kind != "gosterge":
            continue
        for a, b in _consecutive(ctx, row):
            if not (running_total(a.item) and running_total(b.item)):
                continue
            pa, pb = _latest(a.item), _latest(b.item)
            if pa is None or pb is None or pb.month <= pa.month:
                continue
            if pb.actual < pa.actual - EPS:
                yield make_finding("IZ706", row, a, b, period=pb.month, cell_a=_period_cell(pa, "actual"),
                                   cell_b=_period_cell(pb, "actual"), reported=pb.actual, expected=pa.actual,
                                   a_val=pa.actual, b_val=pb.actual, month_a=pa.month, month_b=pb.month)


@compare_rule(id="IZ707", name="restated-value", category="restated_value", severity="error",
              message_tr="{code}, {month}. ay: {doc_a} belgesi {a_val}, {doc_b} belgesi {b_val} basıyor.",
              message_en="{code}, month {month}: {doc_a} prints {a_val}, {doc_b} prints {b_val}.",
              rationale_tr="Aynı ayın gerçekleşmesi her raporda aynı basılmalıdır; sonradan düzeltilen bir değer "
                           "açıklamasıyla birlikte verilmelidir, yoksa hangisinin doğru olduğu bilinemez.",
              rationale_en="The same month's value must be printed alike in every report; a value corrected later "
                           "needs its explanation, or nobody can tell which figure is right.",
              example="6 aylık raporda 6. ay 2.100; 9 aylık raporda 6. ay 2.010.")
def restated_value(ctx: CompareContext) -> Iterable[Finding]:
    """Each month a report prints is compared with the latest earlier report that printed the same month: the
    consecutive report when it did (monthly rows repeat every month so far), else an earlier one (a yearly report's
    June column against the 6-month report, when the 9-month report printed September only)."""
    for row in ctx.alignment.items:
        if row.kind != "gosterge":
            continue
        held = [row.placed[d.index] for d in ctx.documents if d.index in row.placed]
        for n, b in enumerate(held):
            for pb in comparable_periods(b.item):
                if pb.month is None:
                    continue
                for a in reversed(held[:n]):
                    pa = next((p for p in comparable_periods(a.item) if p.month == pb.month), None)
                    if pa is None:
                        continue
                    if differs(pa.actual, pb.actual):
                        yield make_finding("IZ707", row, a, b, period=pa.month, cell_a=_period_cell(pa, "actual"),
                                           cell_b=_period_cell(pb, "actual"), reported=pb.actual,
                                           expected=pa.actual, a_val=pa.actual, b_val=pb.actual, month=pa.month)
                    break


def trivial_difference(a: str, b: str) -> bool:
    """Case, spacing, punctuation, or a single-letter typo: not a rewording."""
    fa, fb = fold(a), fold(b)
    if fa.replace(" ", "") == fb.replace(" ", ""):
        return True
    return Levenshtein.distance(fa, fb) <= 1


def _titles(ctx: CompareContext) -> Iterable[tuple[Row, Placed, Placed, str, str, str]]:
    """(row, reference, later, field, reference text, later text) for every title that is not printed alike."""
    for row in ctx.alignment.hedefler:
        for a, b in _ref_and_later(ctx, row):
            for fld, attr in (("amac_title", "amac_title"), ("hedef_title", "hedef_title"),
                              ("performans_hedefi_title", "performans_hedefi_title")):
                ta, tb = squash(getattr(a.hedef, attr)), squash(getattr(b.hedef, attr))
                if ta and tb and ta != tb:
                    yield row, a, b, fld, ta, tb
    for row in ctx.alignment.items:
        for a, b in _ref_and_later(ctx, row):
            ta, tb = squash(a.item.name), squash(b.item.name)
            if ta and tb and ta != tb and not same_but_unit(a.item, b.item):
                yield row, a, b, "name", ta, tb


def same_but_unit(a, b) -> bool:
    """Two gösterge names that differ only in that one ends with its unit in parentheses and the other, whose unit
    stands in a column of its own (the programme's ``Ölçü Birimi``), does not: ``Dikilen ağaç sayısı (adet)`` and
    ``Dikilen ağaç sayısı`` with unit ``adet``. A different unit is not the same name."""
    if not isinstance(a, Gosterge) or not isinstance(b, Gosterge):
        return False
    (na, ua), (nb, ub) = split_unit(a.name), split_unit(b.name)
    if (ua.raw is None) == (ub.raw is None):
        return False
    with_unit, other = (ua, b) if ua.raw is not None else (ub, a)
    return squash(na) == squash(nb) and with_unit.known and with_unit.name == other.unit


FIELD_NAME = {"amac_title": {"tr": "amaç başlığı", "en": "amaç title"},
              "hedef_title": {"tr": "hedef başlığı", "en": "hedef title"},
              "performans_hedefi_title": {"tr": "performans hedefi başlığı", "en": "performans hedefi title"},
              "name": {"tr": "adı", "en": "name"}}


def _amac_once(rows: Iterable) -> Iterable:
    """An amaç title is printed in every hedef block of the amaç: said once per amaç and pair of documents."""
    seen: set = set()
    for item in rows:
        row, a, b, fld, ta, tb = item
        if fld == "amac_title":
            key = (row.amac, a.doc.index, b.doc.index, ta, tb)
            if key in seen:
                continue
            seen.add(key)
        yield item


@compare_rule(id="IZ708", name="title-reworded", category="title_changed", severity="warning",
              message_tr="{code} {what}: {doc_a} \"{a_text}\", {doc_b} \"{b_text}\".",
              message_en="{code} {what}: {doc_a} \"{a_text}\", {doc_b} \"{b_text}\".",
              rationale_tr="Amaç, hedef ve gösterge adları programda belirlenir; yıl içinde yeniden yazılan bir ad, "
                           "ölçülen şeyin değiştiğini gösterebilir ve karşılaştırmayı bozar.",
              rationale_en="Amaç, hedef and gösterge names are set in the programme; one reworded during the year "
                           "may mean that what is measured changed.",
              example="\"Yeşil alanların artırılması\" → \"Yeşil alanların korunması\".")
def title_reworded(ctx: CompareContext) -> Iterable[Finding]:
    for row, a, b, fld, ta, tb in _amac_once(_titles(ctx)):
        if not trivial_difference(ta, tb):
            yield _title_finding("IZ708", row, a, b, fld, ta, tb)


@compare_rule(id="IZ709", name="title-spelling", category="title_changed", severity="info",
              message_tr="{code} {what} yazımı farklı (büyük/küçük harf, boşluk, noktalama ya da tek harf): "
                         "{doc_a} \"{a_text}\", {doc_b} \"{b_text}\".",
              message_en="{code} {what} spelt differently (case, spacing, punctuation or one letter): "
                         "{doc_a} \"{a_text}\", {doc_b} \"{b_text}\".",
              rationale_tr="Yazım farkı bir hata değildir; yalnızca bilgi olarak gösterilir.",
              rationale_en="A difference of spelling is not an error; shown for information only.",
              example="\"Ağaçlandırma Kampanyası\" → \"Ağaçlandırma kampanyası\".")
def title_spelling(ctx: CompareContext) -> Iterable[Finding]:
    for row, a, b, fld, ta, tb in _amac_once(_titles(ctx)):
        if trivial_difference(ta, tb):
            yield _title_finding("IZ709", row, a, b, fld, ta, tb)


def _title_finding(rule_id: str, row: Row, a: Placed, b: Placed, fld: str, ta: str, tb: str) -> Finding:
    if fld == "amac_title":
        row = Row("hedef", row.amac, "", None, None, row.placed, None)
    elif fld != "name":
        row = Row("hedef", row.amac, row.hedef, row.performans_hedefi, None, row.placed, None)
    code = a.display_code if fld != "amac_title" else (a.hedef.printed_codes.get("amac") or row.amac)
    key = {"amac_title": "amac", "hedef_title": "hedef", "performans_hedefi_title": "performans_hedefi"}.get(fld)

    def title_cell(p: Placed) -> Cell | None:
        return p.hedef.evidence.cells.get(key) if key else (p.item.evidence.cells.get("name") if p.item else None)

    f = make_finding(rule_id, row, a, b, field=fld, cell_a=title_cell(a), cell_b=title_cell(b), what=FIELD_NAME[fld],
                     a_text=ta, b_text=tb)
    f.params["code"] = code
    return f


@compare_rule(id="IZ710", name="budget-changed-unexplained", category="budget_changed", severity="warning",
              message_tr="{code}: bütçe {doc_a} belgesinde {a_val} TL, {doc_b} belgesinde {b_val} TL; açıklamada "
                         "ek ödenek ya da aktarma yazmıyor.",
              message_en="{code}: the budget is {a_val} TL in {doc_a} and {b_val} TL in {doc_b}; the açıklama "
                         "mentions no supplementary appropriation or transfer.",
              rationale_tr="Faaliyetin bütçesi yıl içinde ancak ek ödenek ya da aktarma ile değişir (5018 s. Kanun); "
                           "değişiklik açıklamada belirtilmelidir.",
              rationale_en="A faaliyet's budget changes during the year only by a supplementary appropriation or a "
                           "transfer; the açıklama should say so.",
              example="F1 1.500.000 → 1.800.000 TL, açıklama boş.")
def budget_unexplained(ctx: CompareContext) -> Iterable[Finding]:
    yield from _budget(ctx, explained=False)


@compare_rule(id="IZ711", name="budget-changed-explained", category="budget_changed", severity="info",
              message_tr="{code}: bütçe {doc_a} belgesinde {a_val} TL, {doc_b} belgesinde {b_val} TL; açıklama: "
                         "\"{note}\".",
              message_en="{code}: the budget is {a_val} TL in {doc_a} and {b_val} TL in {doc_b}; açıklama: \"{note}\".",
              rationale_tr="Ek ödenek ya da aktarmayla açıklanan bütçe değişikliği bilgi olarak gösterilir.",
              rationale_en="A budget change explained by a supplementary appropriation or a transfer is shown for "
                           "information.",
              example="F1 1.500.000 → 1.800.000 TL, \"Meclis kararıyla ek ödenek verilmiştir.\"")
def budget_explained(ctx: CompareContext) -> Iterable[Finding]:
    yield from _budget(ctx, explained=True)


def _budget(ctx: CompareContext, explained: bool) -> Iterable[Finding]:
    for row in ctx.alignment.items:
        if row.kind != "faaliyet":
            continue
        for a, b in _ref_and_later(ctx, row):
            va, vb = a.item.budget, b.item.budget
            if not differs(va, vb):
                continue
            note = squash(" ".join(x for x in (b.item.note, b.hedef.note) if x))
            said = bool(EXPLAINED.search(ascii_fold(note)))
            if said == explained:
                yield make_finding("IZ711" if explained else "IZ710", row, a, b, cell_a=_cell(a, "budget"),
                                   cell_b=_cell(b, "budget"), reported=vb, expected=va, a_val=va, b_val=vb,
                                   note=note[:160])


COMPARE_RULES = ("IZ701", "IZ702", "IZ703", "IZ704", "IZ705", "IZ706", "IZ707", "IZ708", "IZ709", "IZ710", "IZ711")
