"""The guide's A/B/C table with one column per period (a yearly report with quarter columns).

A 12-month (or 9-month) report in the guide's layout often prints the periods between the target B and the value
reached C::

    Performans Göstergesi | Hedefe Etkisi (%) | … (A) | … (B) | 3 Ay | 6 Ay | 9 Ay | 12 Ay | … (C) | Performans (%)

with the period labels in any of the vocabulary's spellings (``I. Dönem``, ``Ocak-Mart``, ``1. Çeyrek``), in one
header row or under a ``Gerçekleşme`` spanning them. Label rows (``A1``, ``H1.1``, ``H1.1 Performansı``, ``Sorumlu
Birim``) and ``Açıklama`` rows are the guide's (``guide.py``, which this reader extends).

Every period column is read into the gösterge's ``periods`` (the month it ends in, its value as printed, its own
cell); the C column and the rate into ``Gosterge.reached`` (the report's last period). What the period values
mean — a running total, each period's own figure, a level — is the gösterge's kind (``recomputing/series.py``),
which the rules use to judge C (IZ510) and the series (IZ501–IZ505). Without a C column the last period is C and
the rate is its rate. Its sign in a header: period columns for at least two periods beside a target column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Gosterge, Period
from ...normalising.headers import match_period
from ...normalising.periods import parse_period, resolve_periods
from ...normalising.text import squash
from ...reading.page import GridCell
from ...reading.rows import TableRow
from ..cells import cell_number, ev
from ..columns import Column, ColumnMap, HeadCell, build_map
from .base import Detection, HedefBlock
from .guide import Guide

if TYPE_CHECKING:
    from ..assembler import Assembler


class Quarters(Guide):
    name = "guide_quarters"
    labels = ()  # the guide's label rows, read by the guide's reader (which opens the block)
    reads_periods = True

    def detect(self, kind: str, columns: list[Column]) -> Detection:
        if kind != "gosterge":
            return Detection(self.name, 0.0)
        periods = [c for c in columns if _period(c) is not None]
        months = {_period(c) for c in periods}
        target = next((c for c in columns if c.field == "target"), None)
        if len(months) < 2 or target is None:
            return Detection(self.name, 0.0)
        evidence = tuple(c.period_label or c.label for c in periods) + (target.label,)
        return Detection(self.name, 1.0, evidence)

    def column_map(self, kind: str, stack: list[list[HeadCell]]) -> ColumnMap:
        """The generic map, then: a column under a period label holds that period's value (whatever field a
        loose match gave its label: ``I. Dönem`` is close to ``Dönem``), and the value-reached column (C)
        beside them is ``reached``."""
        cmap = build_map(kind, stack)
        if kind != "gosterge" or len({_period(c) for c in cmap.columns if _period(c) is not None}) < 2:
            return cmap
        for c in cmap.columns:
            m = _period(c)
            if m is not None:
                c.period, c.field = m, "actual"
            elif c.field in ("actual", "month"):
                c.field = "reached"
        return cmap

    def label_row(self, ctx: Assembler, row: TableRow, key: str, cells: list[GridCell]) -> bool:
        return False

    def periods(self, ctx: Assembler, g: Gosterge, row: TableRow, f: dict[str, GridCell]) -> None:
        """One period per period column, each with its own cell; C and the rate as ``g.reached``."""
        by_month: dict[int, GridCell] = {}
        header = self._header_months(ctx, row)
        for col, c in ctx.columns_of(row):
            m = header.get(id(col)) if col is not None else None
            if m is None:
                continue
            if m in by_month and c is not by_month[m]:
                # two columns for one period: neither is guessed to be the right one
                ctx.issue("header_field_repeated", row.page, c.bbox, item=g.code, label=col.period_label,  # type: ignore[union-attr]
                          field="actual", text=c.flat[:40])
                continue
            by_month[m] = c
        for m in sorted(by_month):
            c = by_month[m]
            p = Period(m, cell_number(c), None)
            p.evidence.page, p.evidence.bbox = row.page, row.bbox
            if c.flat:
                p.evidence.cells["actual"] = ev(c, row.page)
            g.periods.append(p)
        reached, rate = f.get("reached"), f.get("rate")
        month = max(by_month) if by_month else ctx.period_hint
        if reached is None:
            if rate is not None and g.periods:  # no C column: the last period is C
                g.periods[-1].reported_rate = cell_number(rate)
                g.periods[-1].evidence.cells["reported_rate"] = ev(rate, row.page)
            return
        r = Period(month, cell_number(reached), cell_number(rate) if rate is not None else None)
        r.evidence.page, r.evidence.bbox = row.page, row.bbox
        r.evidence.cells["actual"] = ev(reached, row.page)
        if rate is not None:
            r.evidence.cells["reported_rate"] = ev(rate, row.page)
        note = f.get("note")
        if note is not None and note.flat:
            text = squash(note.flat)
            for p in g.periods + [r]:
                p.note = text
                p.evidence.cells["note"] = ev(note, row.page, text)
        g.reached = r

    def _header_months(self, ctx: Assembler, row: TableRow) -> dict[int, int | None]:
        """The month each period column ends in, its labels read together (``resolve_periods``: ``I. Dönem`` /
        ``II. Dönem`` alone are the halves of a 12-month report, the quarters of a 6-month one); a column whose
        label stays ambiguous, names another year than the report's title or a period ending in no quarter's
        month (``Ocak-Ağustos``) is said once per table (``period_column_unknown``) and its values are put in no
        period (the conservation check lists them). Kept per column map in the block's state."""
        assert ctx.current is not None and ctx.cmap is not None
        cache = ctx.current.state.setdefault("header_months", {})
        key = id(ctx.cmap)
        if key not in cache:
            cols = [c for c in ctx.cmap.columns if _period(c) is not None]
            resolved = resolve_periods([c.period_label or c.label for c in cols], ctx.period_hint)
            out: dict[int, int | None] = {}
            year = getattr(ctx, "year_hint", None)
            for c, r in zip(cols, resolved):
                text = c.period_label or c.label
                if (r is not None and r.year is not None and year is not None and r.year != year) or \
                        r is None or r.end not in (3, 6, 9, 12):
                    ctx.issue("period_column_unknown", row.page, None, text=text)
                    out[id(c)] = None
                else:
                    out[id(c)] = r.end
            for c in ctx.cmap.columns:  # a period that ends in no quarter's month ("Ocak-Ağustos"): said, not read
                if c.field is None and id(c) not in out and (r := parse_period(c.label)) is not None \
                        and r.basis != "end":
                    ctx.issue("period_column_unknown", row.page, None, text=c.label)
            cache[key] = out
        return cache[key]

    def close_block(self, ctx: Assembler, block: HedefBlock) -> None:
        """The guide's Açıklama rows settle on the periods; a gösterge's own açıklama is C's too."""
        super().close_block(ctx, block)
        for g in block.hedef.gostergeler:
            if g.reached is not None and g.periods and g.periods[-1].note and not g.reached.note:
                g.reached.note = g.periods[-1].note
                if (c := g.periods[-1].evidence.cells.get("note")) is not None:
                    g.reached.evidence.cells["note"] = c


def _period(col: Column | None) -> int | None:
    """The month a column's period ends in, from its own period label or its field label."""
    if col is None:
        return None
    return col.period or match_period(col.label)
