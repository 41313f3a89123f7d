"""Small hand-made reports for rule tests: one hedef, a few göstergeler and faaliyetler, every value explicit."""

from __future__ import annotations

from izlem_audit.model import (Cell, DeclaredTotals, Evidence, Faaliyet, Gosterge, Hedef, Period, Report,
                               StructureIssue, Summary, SummaryAmac, SummaryCounts, SummaryHedef, SummaryPH)
from izlem_audit.normalising.numbers import format_number


def ev(decimals: int = 2, **texts: float | str) -> Evidence:
    """Evidence whose cells print the given values with ``decimals`` decimals (two by default, so tolerances are
    the usual ones); a string is printed as given ("%85", "3.000")."""
    cells = {k: Cell(v if isinstance(v, str) else format_number(v, decimals), 1, (0, 0, 1, 1))
             for k, v in texts.items()}
    return Evidence(1, (0, 0, 100, 10), cells)


def period(month: int, actual: float | None, rate: float | None, note: str = "", *, decimals: int = 2,
           rate_decimals: int = 2) -> Period:
    e = ev(decimals, **({"actual": actual} if actual is not None else {}))
    if rate is not None:
        e.cells.update(ev(rate_decimals, reported_rate=rate).cells)
    return Period(month, actual, rate, note, e)


def gosterge(k: int, weight: float | None, target: float | None, periods: list[Period], unit: str = "sayı",
             baseline: float | None = None, name: str | None = None, *, decimals: int = 2) -> Gosterge:
    texts = {k2: v for k2, v in (("weight", weight), ("target", target), ("baseline", baseline)) if v is not None}
    return Gosterge(code=f"PG{k}", name=name or f"Gösterge {k} ({unit})", unit=unit, unit_known=True, weight=weight,
                    baseline=baseline, target=target, periods=periods, printed_code=f"PG{k}", seq=str(k),
                    evidence=ev(decimals, **texts))


def faaliyet(k: int, budget: float | None, spent: float | None, rate: float | None) -> Faaliyet:
    texts = {n: v for n, v in (("budget", budget), ("spent", spent), ("reported_rate", rate)) if v is not None}
    return Faaliyet(code=f"F{k}", name=f"Faaliyet {k}", budget=budget, spent=spent, reported_rate=rate,
                    printed_code=f"F{k}", seq=str(k), evidence=ev(**texts))


def hedef(gostergeler: list[Gosterge], performance: float | None, *, amac: str = "A1", code: str = "H1",
          ph: str | None = None, faaliyetler: list[Faaliyet] | None = None, amac_title: str = "Amaç bir",
          hedef_title: str = "Hedef bir", ph_title: str = "", decimals: int = 2) -> Hedef:
    h = Hedef(amac=amac, hedef=code, performans_hedefi=ph, amac_title=amac_title, hedef_title=hedef_title,
              performans_hedefi_title=ph_title, sorumlu_birim="Birim", reported_performance=performance,
              page=1, gostergeler=gostergeler, faaliyetler=faaliyetler or [])
    h.evidence = ev(decimals, **({"reported_performance": performance} if performance is not None else {}))
    return h


def good_hedef(**kw) -> Hedef:
    """Two göstergeler whose printed figures all reconcile: 40 % and 100 %, weights 50/50 -> 70,00."""
    return hedef([gosterge(1, 50, 10, [period(3, 2, 20.0), period(6, 4, 40.0)]),
                  gosterge(2, 50, 5, [period(3, 3, 60.0), period(6, 6, 120.0)])], 70.0, **kw)


def report(*hedefler: Hedef, summary: Summary | None = None, issues: list[StructureIssue] | None = None) -> Report:
    return Report(layout="monthly_rows", hedefler=list(hedefler), summary=summary or Summary(), issues=issues or [])


__all__ = ["Cell", "DeclaredTotals", "Evidence", "SummaryAmac", "SummaryCounts", "SummaryHedef", "SummaryPH",
           "StructureIssue", "Summary", "ev", "period", "gosterge", "faaliyet", "hedef", "good_hedef", "report"]
