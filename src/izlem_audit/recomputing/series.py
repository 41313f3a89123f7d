"""How a gösterge's period values make up the value reached (C): its kind, and C recomputed from the periods.

A report that prints one column per period beside C (a yearly report with quarter columns) says, per gösterge,
one of three things in those columns (the report's own introduction usually says so too):

- ``cumulative``: a running total since the start of the year (or of the plan) — ``Asfaltlanan yol uzunluğu
  (km)``, ``E-tahsilat işlem sayısı (adet)``; C is the last period;
- ``flow``: each period's own figure, the year's being their sum — ``Yıl içinde düzenlenen etkinlik sayısı``;
  C is the sum of the periods;
- ``level``: the level at the end of each period — rates, shares, averages, durations (``Tahsilat oranı (%)``,
  ``Ortalama başvuru yanıt süresi (gün)``) and indicators meant to decrease (B below A); C is the last period.

The kind comes from the gösterge's wording and unit, never from its figures (C is what is being judged).
Where a monthly-rows table spells each row's period out as months after January (``Ocak-Mart`` / ``Nisan-Haziran``:
``Period.start``), the label says the row's value is that period's own: a count is then ``flow`` (the value to
date is the sum), stated by the label; rates, shares and levels stay ``level``. An ordinal alone (``II. Çeyrek``,
``II. Dönem``) names the period, not its basis: the kind is the name's and unit's as above.
``stated`` says whether the report's own words (a percent unit, ``oranı``, ``ortalama``, ``yıl içinde``,
``toplam``) say so, or the kind is only assumed from a count-like unit (a count with no such word is read as a
running total, as in the monthly reports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Gosterge
from ..normalising.text import ascii_fold
from ..normalising.units import CANONICAL_UNITS, COUNT_LIKE

# "yıl içinde", "yıl içerisinde", "dönem içinde", "yılda", "yıllık … sayısı": each period's own figure
_FLOW = re.compile(r"\b(?:yil|donem|ceyrek|ay)\s+ic(?:in|erisin)de\b|\byil\s+boyunca\b|\byillik\b|\byilda\b|"
                   r"\bdonemde\b")
# rates, shares, averages, indexes, durations of a thing: a level at the period's end
_LEVEL = re.compile(r"\bortalama\w*|\boran(?:i|lari)?\b|\bpay(?:i|lari)?\b|\bendeks\w*|\bsuresi\b|"
                    r"\bkisi\s+basina\b|\bbasina\s+dusen\b")
# the running total said in words
_CUMULATIVE = re.compile(r"\btoplam\b|\bkumulatif\b|\bbirikimli\b|\bbugune\s+kadar\b")


@dataclass(frozen=True)
class SeriesKind:
    kind: str | None  # "cumulative", "flow", "level", or None (not known: C must be the last period or the sum)
    stated: bool  # the report's words or unit say so; False: assumed from a count-like unit
    why: str  # what decided it, for the message ("birim %", "adında 'yıl içinde'", "sayım birimi")


def _decreasing(g: Gosterge) -> bool:
    if g.target is None:
        return False
    return g.target < (g.baseline if g.baseline is not None else 0.0)


def _within_label(g: Gosterge) -> str:
    """The printed label of a period whose row names a span after January (``Period.start``), or ""."""
    for p in g.periods:
        if p.start is not None and p.start > 1:
            cell = p.evidence.cells.get("month")
            return cell.text if cell is not None and cell.text else f"{p.start}-{p.month}"
    return ""


def series_kind(g: Gosterge) -> SeriesKind:
    """What the gösterge's period values are (see the module's docstring)."""
    name = ascii_fold(g.name or "")
    unit_kind = CANONICAL_UNITS.get(g.unit or "") if g.unit_known else None
    if unit_kind == "percent":
        return SeriesKind("level", True, "%")
    if m := _LEVEL.search(name):
        return SeriesKind("level", True, m.group(0))
    if m := _FLOW.search(name):
        return SeriesKind("flow", True, m.group(0))
    if _decreasing(g):
        return SeriesKind("level", True, "B < A")
    if within := _within_label(g):  # the rows' labels say each value is its period's own ("Nisan-Haziran")
        return SeriesKind("flow", True, within)
    if g.unit in COUNT_LIKE and g.unit_known:
        if m := _CUMULATIVE.search(name):
            return SeriesKind("cumulative", True, m.group(0))
        return SeriesKind("cumulative", False, g.unit or "")
    return SeriesKind(None, False, "")


def value_to_date(g: Gosterge, month: int) -> float | None:
    """The value reached by the end of ``month`` that the gösterge's periods give: the period's own value for a
    running total or a level, the sum of the periods up to it for a within-year figure (a 12-month report's
    quarter columns against a 6- or 9-month report's values, in ``compare``). None when a period it needs has no
    value, or when the kind is not known and the periods are each period's own figures for all one can tell."""
    ps = sorted((p for p in g.periods if p.month is not None and p.month <= month), key=lambda p: p.month)  # type: ignore[arg-type, return-value]
    if not ps or ps[-1].month != month or any(p.actual is None for p in ps):
        return None
    kind = series_kind(g).kind
    if kind == "flow":
        return float(sum(p.actual for p in ps))  # type: ignore[misc]
    if kind in ("cumulative", "level"):
        return float(ps[-1].actual)  # type: ignore[arg-type]
    return None
