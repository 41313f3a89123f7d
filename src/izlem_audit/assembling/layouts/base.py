"""The layout reader interface: what one layout of hedef tables adds to the generic assembler.

The pipeline::

    sources ──▶ Blocks ──▶ row stream (reading/rows.py: TableRow | TextRow)
            ──▶ Assembler (generic: hedef blocks, header rows, rows broken across pages, repeated headers,
                           reading problems, conservation)
                  │  label rows ............ every reader's ``label_row`` in turn
                  │  a header row .......... every reader's ``detect`` → the best score takes the table
                  │  data rows ............. the reader that took the table: ``gosterge_row`` / ``faaliyet_row``
            ──▶ Report

A reader is a ``LayoutReader`` subclass with

* ``name`` — the layout's stable name (``report.layout``, the JSON, ``debug``);
* ``label_row(ctx, row, key, cells)`` — the label rows of its hedef blocks (``Amaç (A1) | …``, ``H1.1 | …``):
  open or fill ``ctx.current`` and return True, or return False; ``labels`` lists their patterns (a row at the
  top of a page that matches one starts an item of its own, it does not continue a row cut on the page before);
* ``detect(kind, columns) -> Detection`` — how sure it is that a gösterge or faaliyet header (its columns with
  the field and period the header vocabulary gives each) is its own, from 0 (no sign) to 1, and the header
  cells that decided. The highest score above 0 takes the table; with no score above 0 the reader named by the
  block's label rows (``ctx.current.layout``) does;
* ``column_map(kind, stack)`` — header rows → columns, each with (field, period). The default
  (``columns.build_map``) takes fields from ``normalising/headers.py`` and a period from a period label
  (``3 Aylık``, ``I. Dönem``) over or under the column; a column whose field another column already holds and
  that has no period is marked ``repeated`` and its cells become a reading problem (never dropped silently);
* ``gosterge_row(ctx, row)`` / ``faaliyet_row(ctx, row)`` — a data row → the model (``ctx.fields(row)`` gives
  field → cell, ``ctx.columns_of(row)`` every (column, cell) with its period). The defaults read one row per
  gösterge with its period(s) in a month column or the report's period, and one row per faaliyet;
* ``close_block(ctx, block)`` — settle what only the whole block tells (the guide's Açıklama rows); called on
  every registered reader for every block, so a reader acts only on what it left in ``block.state``.

``ctx`` is the ``Assembler``; a reader uses only: ``ctx.report``, ``ctx.current`` (a ``HedefBlock``: ``hedef``,
``layout``, ``last_gosterge``, ``prev``, ``state`` — a dict for the reader's own notes), ``ctx.cmap``,
``ctx.period_hint``, ``ctx.fields``, ``ctx.columns_of``, ``ctx.check_repair``, ``ctx.continued_row``,
``ctx.open_block``, ``ctx.issue``. Joining rows broken across pages, headers repeated on a later page, header
rows continued under the header, the summary part and the conservation of printed numbers are done before a
reader sees a row, once for every layout.

Adding a layout, step by step (docs/architecture.md says the same with an example):

1. a module here, ``mylayout.py``, with ``class MyLayout(LayoutReader)``: ``name``, ``detect``, and whichever of
   ``label_row`` / ``gosterge_row`` / ``faaliyet_row`` / ``close_block`` differ from the defaults; a row reader
   of its own ends as the defaults do, in ``new_item`` / ``put_cells`` / ``finish_item`` (below);
2. one line in ``layouts/__init__.py``'s ``READERS``;
3. its header spellings, if new, in ``normalising/headers.py``'s ``VOCABULARY``;
4. a fixture builder under ``fixtures/build/`` (two producers) with its independent truth, and a test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ...model import BBox, Faaliyet, Gosterge, Hedef, Period
from ...normalising.numbers import parse_number
from ...normalising.text import squash
from ...normalising.units import split_unit
from ...normalising.periods import parse_period, resolve_periods
from ...reading.page import GridCell, Line
from ...reading.rows import TableRow
from .. import codes
from ..cells import cell_number, ev, line_ev, split_values
from ..columns import Column, ColumnMap, HeadCell, build_map

if TYPE_CHECKING:
    from ...model import Cell
    from ..assembler import Assembler


PENDING_PERIODS = "pending_periods"  # HedefBlock.state: (gösterge, period, label, page, bbox) read at the block's end
PERIOD_LABELS = "period_labels"  # HedefBlock.state: every period label of the block, read together at its end


def period_labels(c: GridCell | None) -> list[tuple[str, Line | None]]:
    """The period labels of a month cell, each with the line it starts on: one per line (``3`` / ``6``,
    ``Ocak-Mart`` / ``Nisan-Haziran``), a label wrapped over up to four lines joined (``Ocak-`` / ``Mart``,
    ``I. Dönem`` / ``(Ocak-Mart)``), month numbers side by side on one line split (``3 6``). A line that is no
    label is kept as its text (the reader reports it), never dropped."""
    if c is None:
        return []
    lines = [ln for ln in c.lines if ln.text.strip()]
    out: list[tuple[str, Line | None]] = []
    i = 0
    while i < len(lines):
        for k in range(min(len(lines) - i, 4), 1, -1):  # the longest run of lines that reads as one label
            if i + k <= len(lines) and parse_period(" ".join(ln.text for ln in lines[i:i + k])) is not None:
                out.append((squash(" ".join(ln.text for ln in lines[i:i + k])), _joined(lines[i:i + k])))
                i += k
                break
        else:
            text = squash(lines[i].text)
            tokens = text.split()
            if parse_period(text) is None and len(tokens) > 1 and all(
                    (q := parse_period(t)) is not None and q.basis == "end" for t in tokens):
                out.extend((t, None) for t in tokens)
            else:
                out.append((text, lines[i]))
            i += 1
    return out


def _joined(lines: list[Line]) -> Line:
    """Lines of one label as one line: their text, and the box around them where they stand on one page."""
    first = lines[0]
    if any(ln.page != first.page for ln in lines):
        return replace(first, text=squash(" ".join(ln.text for ln in lines)))
    box = (min(ln.bbox[0] for ln in lines), min(ln.bbox[1] for ln in lines), max(ln.bbox[2] for ln in lines),
           max(ln.bbox[3] for ln in lines))
    return replace(first, text=squash(" ".join(ln.text for ln in lines)), bbox=box)


def read_period(ctx: Assembler, g: Gosterge, text: str, page: int, bbox) -> int | None:
    """The month a printed period label ends in (``normalising/periods.py``), for a row of ``g``. A label that
    names no period, another year than the report's, or (``I. Dönem``) a quarter or a half-year is None here: a
    reading problem, or, for the last, settled by the block's other labels when the block ends
    (``settle_periods``)."""
    assert ctx.current is not None
    ctx.current.state.setdefault(PERIOD_LABELS, []).append(text)
    p = parse_period(text)
    if p is None:
        ctx.issue("period_label_unknown", page, bbox, item=g.code, text=text)
        return None
    year = getattr(ctx, "year_hint", None)
    if p.year is not None and year is not None and p.year != year:
        ctx.issue("period_other_year", page, bbox, item=g.code, text=text, year=year)
        return None
    if p.alternative is not None:
        ctx.current.state.setdefault(PENDING_PERIODS, []).append((g, None, text, page, bbox))
        return None
    return p.end


def period_start(text: str) -> int | None:
    """The first month of a row label's span when the label spells out months after January (``Nisan-Haziran``
    -> 4), else None: such a row's value is the period's own (``Period.start``). An ordinal alone (``II. Çeyrek``,
    ``II. Dönem``) names the period but not whether its value runs from January: the gösterge's kind decides."""
    p = parse_period(text)
    return p.start if p is not None and p.spelled and p.basis == "within" and p.start > 1 else None


def pending_period(ctx: Assembler, g: Gosterge, p: Period) -> None:
    """``p`` is the period of ``g`` whose label ``read_period`` left for the block's end, if one did."""
    assert ctx.current is not None
    pend = ctx.current.state.get(PENDING_PERIODS)
    if pend and pend[-1][1] is None and pend[-1][0] is g:
        pend[-1] = (g, p, *pend[-1][2:])


def settle_periods(ctx: Assembler, block: HedefBlock) -> None:
    """At a block's end: the ``I. Dönem`` / ``II. Dönem`` labels read with the block's other labels and the
    report's period (``resolve_periods``); one that stays ambiguous is a reading problem."""
    pending = block.state.pop(PENDING_PERIODS, [])
    if not pending:
        return
    labels = block.state.get(PERIOD_LABELS, [])
    by_label = dict(zip(labels, resolve_periods(labels, ctx.period_hint)))
    for g, p, text, page, bbox in pending:
        r = by_label.get(text)
        if r is None:
            ctx.issue("period_label_unknown", page, bbox, item=g.code, text=text)
        elif p is not None:
            p.month = r.end


@dataclass(frozen=True)
class Detection:
    """Why a reader takes a table: its score (0 = no sign of the layout, 1 = certain) and the header cells (or,
    ``via == "labels"``, the label cells) that decided."""

    reader: str
    score: float
    evidence: tuple[str, ...] = ()
    via: str = "header"  # "header": the header's cells decided; "labels": no header sign, the block's labels did

    def to_dict(self) -> dict[str, Any]:
        return {"reader": self.reader, "score": round(self.score, 2), "evidence": list(self.evidence),
                "via": self.via}


@dataclass
class HedefBlock:
    """The hedef block being read: its hedef, the layout its label rows named, and what the rows so far left."""

    hedef: Hedef
    open_labels: bool = True  # still reading label rows
    last_gosterge: Gosterge | None = None
    prev: str = ""  # what the last data row was: "gosterge", or a reader's own kind of row ("note")
    layout: str = "monthly_rows"
    state: dict[str, Any] = field(default_factory=dict)  # a reader's own notes on the block


class LayoutReader:
    """One layout of hedef tables (see the module's docstring). Subclass, set ``name``, write ``detect``."""

    name: ClassVar[str] = ""
    labels: ClassVar[tuple[re.Pattern[str], ...]] = ()  # the label rows it reads (``label_row``)
    # True: it reads period columns (a field's further columns, told apart by their period) from
    # ``ctx.columns_of(row)``; False: a further column of a field is a reading problem
    reads_periods: ClassVar[bool] = False
    # True: its tables carry their hedef block in each row's code (no label rows): a header it recognises outside
    # any block opens one, and its rows switch blocks (``ctx.switch_block``)
    opens_blocks: ClassVar[bool] = False

    # ------------------------------------------------------------------ detection
    def detect(self, kind: str, columns: list[Column]) -> Detection:
        """How sure this reader is that the header whose columns are given is its own."""
        raise NotImplementedError

    def column_map(self, kind: str, stack: list[list[HeadCell]]) -> ColumnMap:
        """Header rows (labelled x-ranges, top to bottom) → columns with (field, period)."""
        return build_map(kind, stack)

    # ------------------------------------------------------------------ label rows
    def label_row(self, ctx: Assembler, row: TableRow, key: str, cells: list[GridCell]) -> bool:
        """A label row of this layout's hedef blocks (``key``: the first cell folded, ``cells``: the non-empty
        cells): fill ``ctx.current`` (``ctx.open_block(row)`` opens a new one) and return True."""
        return False

    # ------------------------------------------------------------------ data rows
    def own_row(self, ctx: Assembler, row: TableRow, f: dict[str, GridCell]) -> bool:
        """A row of the gösterge table that is no gösterge (the guide's Açıklama rows): read it, return True."""
        return False

    def own_continuation(self, ctx: Assembler, row: TableRow) -> bool:
        """The rest of one of ``own_row``'s rows, broken by a page break: read it, return True."""
        return False

    def gosterge_row(self, ctx: Assembler, row: TableRow) -> None:
        """One row of a gösterge table: a new gösterge (a code, a Sıra No, or a name where no month column
        splits it into sub-rows) or a further period of the gösterge above."""
        assert ctx.current is not None and ctx.cmap is not None
        f = ctx.check_repair(row, ctx.fields(row))
        h = ctx.current.hedef
        code_cell = f.get("code")
        name_cell = f.get("name")
        code_text = code_cell.flat if code_cell else ""
        if not code_text and name_cell is not None:
            # "PG1.1.1: name" in one cell (the guide's layout)
            code_text = name_cell.flat
        if self.own_row(ctx, row, f):
            return
        code, printed, rest = codes.item_code(code_text, "PG")
        if code is None and ctx.continued_row(row, f, ("month", "actual", "rate", "weight", "target")):
            return
        is_new = code is not None or (f.get("seq") is not None and f["seq"].flat) or (
            name_cell is not None and name_cell.flat and "month" not in ctx.cmap.fields())
        repeated = is_new and code is not None and _repeats(ctx.current.last_gosterge, code, f)
        if repeated:
            # the gösterge above printed again on its next period's row (a layout, often a spreadsheet, that
            # repeats code, name, weight and target on every row): the same gösterge, its repeated cells kept as
            # further places of the same values
            g = ctx.current.last_gosterge
            for name in ("seq", "code", "name", "weight", "target", "baseline"):
                cell, ev = f.get(name), g.evidence.cells.get(name)  # type: ignore[union-attr]
                if cell is not None and cell.flat and ev is not None:
                    ev.parts.append((row.page, cell.bbox))
            is_new = False
        if is_new:
            g = new_item(Gosterge, code, printed, h.gostergeler)
            g.seq = _seq(f)
            if code_cell is not None and name_cell is not None and code_cell is not name_cell:
                g.name = squash(name_cell.flat)
            else:
                g.name = rest
            unit_of_name(g)
            put_cells(g, f, row.page, ("weight", "target", "baseline", "seq", "code", "name"),
                      numbers=("weight", "target", "baseline"))
            span = max((c.rowspan for c in row.cells), default=1)
            finish_item(ctx, row, g, h.gostergeler, code, bbox=row.table.row_bbox(row.index, span))
        g = ctx.current.last_gosterge
        if not is_new and not repeated and g is not None and name_cell is not None and name_cell.flat \
                and name_cell is not code_cell:
            # the end of a name cut by a page break, beside the period that goes on on the next page
            join_name(g, name_cell, row.page)
            unit_of_name(g)
        if g is None:
            ctx.issue("orphan_row", row.page, row.bbox, text=" | ".join(row.texts()))
            return
        ctx.current.prev = "gosterge"
        self.periods(ctx, g, row, f)

    def periods(self, ctx: Assembler, g: Gosterge, row: TableRow, f: dict[str, GridCell]) -> None:
        """The period(s) of a gösterge row: one per line of the month cell, or the report's period."""
        assert ctx.current is not None and ctx.cmap is not None
        month_cell, actual_cell, rate_cell, note_cell = f.get("month"), f.get("actual"), f.get("rate"), f.get("note")
        if month_cell is None and actual_cell is None and rate_cell is None:
            return
        labels: list[tuple[str, Line | None]] = []
        if "month" in ctx.cmap.fields():
            labels = period_labels(month_cell)
            months = [read_period(ctx, g, text, row.page, line.bbox if line else month_cell.bbox)  # type: ignore[union-attr]
                      for text, line in labels]
        else:
            months = [ctx.period_hint]
        if not months:
            months = [None]
        n = len(months)
        actuals = split_values(actual_cell, n)
        rates = split_values(rate_cell, n)
        note = squash(note_cell.flat) if note_cell is not None else ""
        moved = None
        rate_blank = rate_cell is not None and not any(ch.isdigit() for ch in rate_cell.flat)
        if rate_blank and note and parse_number(note) is not None and n == 1:
            # the rate printed in the Açıklama column: read it as what it is, and say where it stood
            rates = [(note_cell.lines[0] if note_cell and note_cell.lines else None, parse_number(note))]
            moved = note_cell
            note = ""
        elif rate_cell is None and "rate" not in ctx.cmap.fields():
            rates = [(None, None)] * n
        for i, month in enumerate(months):
            p = Period(month, actuals[i][1] if i < len(actuals) else None,
                       rates[i][1] if i < len(rates) else None, note)
            p.evidence.page = row.page
            p.evidence.bbox = row.bbox
            for name, c, vals in (("actual", actual_cell, actuals),
                                  ("reported_rate", rate_cell if moved is None else moved, rates)):
                if c is not None:
                    line = vals[i][0] if i < len(vals) else None
                    p.evidence.cells[name] = line_ev(line, c, row.page)
            if i < len(labels) and month is not None:
                p.start = period_start(labels[i][0])
            if month_cell is not None:
                ml = labels[i][1] if i < len(labels) and len(labels) == n else None
                p.evidence.cells["month"] = line_ev(ml, month_cell, row.page)
            if month is None:
                pending_period(ctx, g, p)
            if note_cell is not None and note:
                p.evidence.cells["note"] = ev(note_cell, row.page, note)
            g.periods.append(p)
            if moved is not None:
                ctx.issue("value_in_wrong_column", row.page, moved.bbox, item=g.code, period=month,
                          field="reported_rate", column="aciklama", text=moved.flat)
        if len(actuals) != n or len(rates) != n:
            ctx.issue("period_values_mismatch", row.page, row.bbox, item=g.code, months=n, actuals=len(actuals),
                      rates=len(rates))

    def faaliyet_row(self, ctx: Assembler, row: TableRow) -> None:
        """One row of a faaliyet table: a faaliyet with its budget, spending and rate."""
        assert ctx.current is not None and ctx.cmap is not None
        f = ctx.fields(row)
        h = ctx.current.hedef
        code_cell = f.get("code")
        code, printed, _ = codes.item_code(code_cell.flat if code_cell else "", "F")
        name_cell = f.get("name")
        if code is None and ctx.continued_row(row, f, ("budget", "spent", "rate")):
            return
        fa = new_item(Faaliyet, code, printed, h.faaliyetler)
        fa.name = squash(name_cell.flat) if name_cell else ""
        fa.seq = _seq(f)
        put_cells(fa, f, row.page, ("budget", "spent", ("rate", "reported_rate"), "seq", "code", "name"),
                  numbers=("budget", "spent", "rate"))
        if f.get("note") is not None:
            fa.note = squash(f["note"].flat)
            if fa.note:
                fa.evidence.cells["note"] = ev(f["note"], row.page, fa.note)
        finish_item(ctx, row, fa, h.faaliyetler, code)

    # ------------------------------------------------------------------ end of a block
    def close_block(self, ctx: Assembler, block: HedefBlock) -> None:
        """The block is complete: settle what only the whole block tells."""


# ----------------------------------------------------------------------------------------------- label rows


def put_label(h: Hedef, level: str, code: str, printed: str, title: str, evidence: Cell | None) -> None:
    """What a label row says of one level of the hedef block (``amac``, ``hedef``, ``performans_hedefi``): its
    code, the code as printed, its title, and the value cell as evidence."""
    setattr(h, level, code)
    h.printed_codes[level] = printed
    setattr(h, f"{level}_title", title)
    h.evidence.cells[level] = evidence  # type: ignore[assignment]


# ----------------------------------------------------------------------------------------------- row -> item
# What every layout's gösterge and faaliyet rows end in, written once: a new item numbered after the hedef's
# others, its printed values with their cells as evidence, and the row's place, reading problems and list.

Item = TypeVar("Item", Gosterge, Faaliyet)


def new_item(cls: type[Item], code: str | None, printed: str, items: list[Item]) -> Item:
    """A gösterge or faaliyet with its code as read, or, without one, numbered after the hedef's others
    (``PG3``, ``F5``: a ``missing_code`` reading problem follows from ``finish_item``)."""
    prefix = "PG" if cls is Gosterge else "F"
    item = cls(code=code or f"{prefix}{len(items) + 1}", name="")
    item.printed_code = printed
    return item


def put_cells(item: Gosterge | Faaliyet, f: dict[str, GridCell], page: int,
              fields: tuple[str | tuple[str, str], ...], numbers: tuple[str, ...] = ()) -> None:
    """The row's cells into ``item``, in the order of ``fields`` (the order the evidence is written): each a
    field, or (field, attribute) where the model names it otherwise (``("rate", "reported_rate")``). A field of
    ``numbers`` is read as a number into the attribute; every cell present becomes its evidence."""
    for spec in fields:
        fld, attr = (spec, spec) if isinstance(spec, str) else spec
        c = f.get(fld)
        if c is None:
            continue
        if fld in numbers:
            setattr(item, attr, cell_number(c))
        item.evidence.cells[attr] = ev(c, page)


def finish_item(ctx: Assembler, row: TableRow, item: Gosterge | Faaliyet, items: list[Any], code: str | None,
                bbox: BBox | None = None, extra: GridCell | None = None) -> None:
    """The end of a row read into a new item: where it stands (the row's page and box, or ``bbox``), a
    ``missing_code`` reading problem when no code was printed, an ``unplaced_row`` one for ``extra`` (a cell
    under no column), and the item into its hedef's list (a gösterge becomes the block's last one)."""
    assert ctx.current is not None
    item.evidence.page = row.page
    item.evidence.bbox = row.bbox if bbox is None else bbox
    if code is None:
        ctx.issue("missing_code", row.page, row.bbox, item=item.code)
    if extra is not None:
        ctx.issue("unplaced_row", row.page, extra.bbox, item=item.code, text=extra.flat)
    items.append(item)
    if isinstance(item, Gosterge):
        ctx.current.last_gosterge = item
        ctx.current.prev = "gosterge"


def join_name(item: Gosterge | Faaliyet, cell: GridCell, page: int) -> None:
    """The rest of the item's name, printed in a row of its own after a page break: joined to the name and to its
    evidence (the cell's text, and this piece's box)."""
    item.name = squash(f"{item.name} {cell.flat}")
    if (e := item.evidence.cells.get("name")) is not None:
        e.text = item.name
        e.parts.append((page, cell.bbox))


def unit_of_name(g: Gosterge) -> None:
    """The gösterge's unit as its name says it (``… (adet)``, ``… Oranı (%)``)."""
    _, unit = split_unit(g.name)
    g.unit, g.unit_known = unit.name, unit.known


def _seq(f: dict[str, GridCell]) -> str | None:
    c = f.get("seq")
    return c.flat if c is not None and c.flat else None


def _repeats(last: Gosterge | None, code: str, f: dict[str, GridCell]) -> bool:
    """Whether a row that starts with a code is the gösterge above printed again for another period: the same
    code, the same name, weight, target and start value as printed (each the row prints), and a period label
    that gösterge has not printed yet. A different figure, or the same period again, is another row of its own
    (a duplicated code is then the report's, IZ602)."""
    if last is None or last.code != code:
        return False
    month = f.get("month")
    if month is None or not month.flat.strip():
        return False
    label = squash(month.flat)
    if any(squash(p.evidence.cells["month"].text) == label for p in last.periods if "month" in p.evidence.cells):
        return False
    compared = 0
    for name in ("name", "weight", "target", "baseline"):
        cell = f.get(name)
        if cell is None or not cell.flat.strip():
            continue
        ev = last.evidence.cells.get(name)
        if ev is None or squash(ev.text) != squash(cell.flat):
            return False
        compared += 1
    return compared >= 2  # at least two of them printed again, and equal
