"""Stage 2: from the blocks of each page (tables and running text) to the report model.

The report is read as one stream, top to bottom, page after page, so a table continued on the next page —
with its header repeated or not — simply goes on where it stopped. What a row is follows from its cells:

* label rows (``Amaç (A1) | …``, ``Hedef (H2) | …``, ``Sorumlu Birim | …``, ``Performans % | …``, or the
  guide's ``A1 | …``, ``H1.1 | …``, ``H1.1 Performansı | …``) open and describe a hedef block;
* a header row (``Sıra No | Gösterge Kodu | …`` or ``Performans Göstergesi | Hedefe Etkisi (%) | …``) sets
  the column map for the gösterge or faaliyet rows below it;
* data rows are read with the current column map; a row with no code of its own (its code cell is merged
  from above, or empty at the top of a continued table) is a further period of the gösterge above it;
* the summary part (``HEDEF | MÜDÜRLÜK | PERFORMANS`` tables, the row of amaç percentages, the counts tables)
  and the totals stated in the running text are read by ``summary.py``.

Whatever does not fit is not dropped: it becomes a ``StructureIssue`` with its page and box.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..model import Cell, Evidence, Faaliyet, Gosterge, Hedef, Period, Report, StructureIssue
from ..normalising.numbers import parse_number
from ..normalising.text import squash
from ..normalising.units import split_unit
from ..reading.page import Block, GridCell, GridTable, Line
from . import codes
from .columns import (ColumnMap, HeadCell, build_map, classify_header, head_row, looks_like_header,
                      merge_header_row, repair_missing_actual)
from .summary import SummaryReader

LAYOUT_MONTHLY = "monthly_rows"
LAYOUT_GUIDE = "guide_standard"


def _cell(c: GridCell | None, page: int, line: Line | None = None) -> Cell | None:
    if c is None:
        return None
    if line is not None:
        return Cell(line.text, line.page or page, line.bbox)
    return _ev(c, page, c.text)


def _ev(c: GridCell, page: int, text: str | None = None) -> Cell:
    """The evidence of a grid cell: its page and box, or, for a cell joined from the two pieces of a row cut by
    a page break, the pieces that hold its text (both pages when the text runs over both)."""
    text = c.flat if text is None else text
    if not c.parts:
        return Cell(text, page, c.bbox)
    pages = {ln.page for ln in c.lines}
    pieces = [(pg, bb) for pg, bb in c.parts if pg in pages] or c.parts[:1]
    return Cell(text, pieces[0][0], pieces[0][1], parts=pieces[1:])


def _line_ev(line: Line | None, c: GridCell, page: int) -> Cell:
    """The evidence of one line of a cell (one of the values of a ``3 / 6`` cell), on its own page."""
    if line is None:
        return _ev(c, page)
    return Cell(line.text, line.page or page, line.bbox)


@dataclass
class _Row:
    """One grid row of a table: the cells that start in it, and the cells merged into it from above."""

    table: GridTable
    index: int
    cells: list[GridCell]
    covering: list[GridCell]
    # a row joined from the two pieces of a row cut by a page break: the texts that went on, on the next page,
    # in cells merged into this row from above (a gösterge's name spanning its month sub-rows)
    tails: list[tuple[GridCell, GridCell]] = field(default_factory=list)
    rest_page: int | None = None  # the page its second piece stands on

    @property
    def page(self) -> int:
        return self.table.page

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.table.row_bbox(self.index)

    def texts(self) -> list[str]:
        return [c.flat for c in self.cells if c.flat]


def _rows(table: GridTable) -> Iterable[_Row]:
    by_row = table.rows()
    active: list[GridCell] = []
    for i, cells in enumerate(by_row):
        active = [c for c in active if c.row + c.rowspan > i]
        yield _Row(table, i, cells, list(active))
        active.extend(c for c in cells if c.rowspan > 1)


@dataclass
class _Block:
    hedef: Hedef
    open_labels: bool = True  # still reading label rows
    last_gosterge: Gosterge | None = None
    prev: str = ""  # what the last data row was: "gosterge" or "note" (guide layout's Açıklama rows)
    guide_notes: list[tuple[Gosterge | None, str, Cell]] = field(default_factory=list)
    layout: str = LAYOUT_MONTHLY


class Assembler:
    def __init__(self, period_hint: int | None = None, trace_pages: set[int] | None = None) -> None:
        self.report = Report()
        self.trace_pages = trace_pages or set()
        self.trace: list[tuple[int, tuple[float, float, float, float], str]] = []  # what each cell was read as
        self.blocks: list[_Block] = []
        self.current: _Block | None = None
        self.cmap: ColumnMap | None = None
        self.header: list[list[HeadCell]] = []  # the current table's header rows, as labelled x-ranges
        self.last_header_row: _Row | None = None  # set while no data row has come since the header
        self.mode: str | None = None  # "gosterge", "faaliyet", "summary" or None
        self.summary = SummaryReader(self.report)
        self.period_hint = period_hint
        self.layouts: dict[str, int] = {}  # layout -> hedef blocks read in it
        self.unplaced: list[_Row] = []
        self.cut: _Row | None = None  # the last row of a table cut by the page's bottom margin, until its rest
        self.read_rows: list[tuple[int, tuple[float, float, float, float]]] = []  # header and summary rows read

    # ------------------------------------------------------------------ stream
    def feed(self, block: Block) -> None:
        if block.text is not None:
            self.summary.text(block.text.line, block.page)
            if self.period_hint is None:
                self.period_hint = codes.period_months_from_title(block.text.line.text)
            return
        assert block.table is not None
        table = block.table
        rows = list(_rows(table))
        if self.cut is not None and self.cut.page >= table.page:
            self._flush_cut()
        for row in rows:
            if self.cut is not None:
                if not row.texts() and not row.covering:
                    continue
                repeated = classify_header(row.cells)[0] or _same_texts(row, self.cut.table)
                if repeated or (self.mode in ("gosterge", "faaliyet") and self._header_goes_on(row)):
                    if repeated:  # a header repeated above the rest of the cut row
                        self._row(row)
                    continue
                cut, self.cut = self.cut, None
                if self._starts_own_item(row, cut):
                    self._row(cut)
                else:
                    row = _join_cut(cut, row)
            if table.open_bottom and row.index == table.n_rows - 1:
                self.cut = row  # its rest comes at the top of the next page
                continue
            self._row(row)
            if row.tails:
                self._tails(row)

    def _flush_cut(self) -> None:
        """A cut row whose rest never came: read it as it is."""
        cut, self.cut = self.cut, None
        if cut is not None:
            self._row(cut)

    def _starts_own_item(self, row: _Row, cut: _Row) -> bool:
        """Whether a row at the top of a page starts an item of its own (a code, a Sıra No, a label in the cut
        table's first column) rather than going on with the row cut at the bottom of the page before."""
        left = cut.table.xs[0]
        first = next((c for c in row.cells if abs(c.bbox[0] - left) < 2.0), None)
        if first is None or not first.flat:
            return False
        t = first.flat
        key = codes.label_key(t)
        if any(p.match(key) for p in (codes.AMAC_LABEL, codes.HEDEF_LABEL, codes.PH_LABEL, codes.BIRIM_LABEL,
                                      codes.PERF_LABEL, codes.GUIDE_AMAC, codes.GUIDE_HEDEF, codes.GUIDE_PERF,
                                      codes.NOTE_LABEL)):
            return True
        if codes.item_code(t, "PG")[0] or codes.item_code(t, "F")[0]:
            return True
        return t.strip().rstrip(".").isdigit()

    def _tails(self, row: _Row) -> None:
        """The texts that went on, on the next page, in the cells a cut row had merged from above: the end of a
        gösterge's or faaliyet's name, or of a label row's value."""
        for above, rest in row.tails:
            text = squash(rest.flat)
            if not text:
                continue
            fld = self.cmap.field_of(above) if self.cmap is not None and self.mode in ("gosterge", "faaliyet") \
                else None
            item: Gosterge | Faaliyet | None = None
            if self.current is not None and self.mode == "gosterge":
                item = self.current.last_gosterge
            elif self.current is not None and self.mode == "faaliyet" and self.current.hedef.faaliyetler:
                item = self.current.hedef.faaliyetler[-1]
            if item is not None and fld == "name":
                item.name = squash(f"{item.name} {text}")
                if isinstance(item, Gosterge):
                    _, unit = split_unit(item.name)
                    item.unit, item.unit_known = unit.name, unit.known
                ev = item.evidence.cells.get("name")
                if ev is not None:
                    ev.text = item.name
                    ev.parts.append((rest_page(row), rest.bbox))
            elif item is not None and fld == "note" and isinstance(item, Faaliyet):
                item.note = squash(f"{item.note} {text}")
                _more(item.evidence, "note", item.note, rest_page(row), rest.bbox)
            elif item is not None and fld == "note" and isinstance(item, Gosterge) and item.periods:
                p = item.periods[-1]
                p.note = squash(f"{p.note} {text}")
                _more(p.evidence, "note", p.note, rest_page(row), rest.bbox)
            else:
                h = self.current.hedef if self.current is not None else None
                self.report.issues.append(StructureIssue(
                    "cut_cell_unplaced", rest_page(row), rest.bbox, h.amac if h else None, h.hedef if h else None,
                    h.performans_hedefi if h else None, detail={"text": text, "field": fld}))

    def _row(self, row: _Row) -> None:
        texts = row.texts()
        if not texts and not row.covering:
            return
        if self._label_row(row):
            return
        if self.mode in ("gosterge", "faaliyet") and self._header_goes_on(row):
            return
        if self.summary.row(row.cells, row.page, row.bbox):
            self._read(row)
            self._close_block()
            self.mode = "summary"
            return
        kind, _ = classify_header(row.cells)
        if kind:
            self._start_table(kind, row)
            return
        self.last_header_row = None
        if self.mode == "gosterge" and self.current is not None:
            self._gosterge_row(row)
        elif self.mode == "faaliyet" and self.current is not None:
            self._faaliyet_row(row)
        elif self.mode == "summary":
            return
        else:
            self.unplaced.append(row)

    # ------------------------------------------------------------------ hedef header rows
    def _label_row(self, row: _Row) -> bool:
        taken = self._label_row_inner(row)
        if taken and row.page in self.trace_pages:
            self.trace.append((row.page, row.cells[0].bbox, "label"))
        return taken

    def _label_row_inner(self, row: _Row) -> bool:
        cells = [c for c in row.cells if c.flat]
        if not cells or len(cells) > 3:
            return False
        key = codes.label_key(cells[0].flat)
        value = cells[1] if len(cells) > 1 else None
        vtext = squash(value.flat) if value else ""
        page = row.page
        m = codes.AMAC_LABEL.match(key)
        if m:
            self._open_block(page, row)
            h = self.current.hedef  # type: ignore[union-attr]
            h.amac = f"A{int(m.group(1))}"
            h.printed_codes["amac"] = f"A{int(m.group(1))}"
            h.amac_title = vtext
            h.evidence.cells["amac"] = _cell(value or cells[0], page)  # type: ignore[assignment]
            self.current.layout = LAYOUT_MONTHLY  # type: ignore[union-attr]
            return True
        m = codes.GUIDE_PERF.match(key)
        if m and self.current is not None and self.current.open_labels:
            self._reported_performance(value, vtext, page)
            return True
        m = codes.GUIDE_HEDEF.match(key)
        if m and value is not None:
            if self.current is None or not self.current.open_labels or self.current.hedef.hedef:
                self._open_block(page, row)
            self.current.layout = LAYOUT_GUIDE  # type: ignore[union-attr]
            h = self.current.hedef  # type: ignore[union-attr]
            h.amac = h.amac or f"A{int(m.group(1))}"
            h.hedef = f"H{int(m.group(2))}"
            h.printed_codes["hedef"] = squash(cells[0].flat).replace(" ", "")
            h.hedef_title = vtext
            h.evidence.cells["hedef"] = _cell(value, page)  # type: ignore[assignment]
            return True
        m = codes.GUIDE_AMAC.match(key)
        if m and value is not None and len(cells) == 2:
            self._open_block(page, row)
            h = self.current.hedef  # type: ignore[union-attr]
            h.amac = f"A{int(m.group(1))}"
            h.printed_codes["amac"] = squash(cells[0].flat)
            h.amac_title = vtext
            h.evidence.cells["amac"] = _cell(value, page)  # type: ignore[assignment]
            self.current.layout = LAYOUT_GUIDE  # type: ignore[union-attr]
            return True
        if self.current is None or not self.current.open_labels:
            return False
        h = self.current.hedef
        m = codes.HEDEF_LABEL.match(key)
        if m:
            h.hedef = f"H{int(m.group(1))}"
            h.printed_codes["hedef"] = f"H{int(m.group(1))}"
            h.hedef_title = vtext
            h.evidence.cells["hedef"] = _cell(value or cells[0], page)  # type: ignore[assignment]
            return True
        m = codes.PH_LABEL.match(key)
        if m:
            h.performans_hedefi = f"PH{int(m.group(1))}"
            h.printed_codes["performans_hedefi"] = f"PH{int(m.group(1))}"
            h.performans_hedefi_title = vtext
            h.evidence.cells["performans_hedefi"] = _cell(value or cells[0], page)  # type: ignore[assignment]
            return True
        if codes.BIRIM_LABEL.match(key):
            h.sorumlu_birim = vtext
            if value:
                h.evidence.cells["sorumlu_birim"] = _cell(value, page)  # type: ignore[assignment]
            return True
        if codes.PERF_LABEL.match(key):
            self._reported_performance(value, vtext, page)
            return True
        return False

    def _reported_performance(self, value: GridCell | None, vtext: str, page: int) -> None:
        assert self.current is not None
        h = self.current.hedef
        h.reported_performance = cell_number(value) if value is not None else parse_number(vtext)
        if value is not None:
            h.evidence.cells["reported_performance"] = _ev(value, page, vtext)

    def _open_block(self, page: int, row: _Row) -> None:
        if self.current is not None and self.current.open_labels and not self.current.hedef.hedef \
                and not self.current.hedef.gostergeler:
            # a block's label table split across pages: keep filling it
            return
        self._close_block()
        h = Hedef(amac="", hedef="", page=page)
        h.evidence.page = page
        h.evidence.bbox = row.bbox
        self.current = _Block(h)
        self.mode = None
        self.cmap = None

    def _close_block(self) -> None:
        if self.current is None:
            return
        b = self.current
        self._settle_guide_notes(b)
        h = b.hedef
        has_numbers = h.reported_performance is not None or any(
            g.weight is not None or g.target is not None or any(p.actual is not None for p in g.periods)
            for g in h.gostergeler
        ) or any(f.budget is not None for f in h.faaliyetler)
        if h.hedef and has_numbers:
            self.report.hedefler.append(h)
            self.layouts[b.layout] = self.layouts.get(b.layout, 0) + 1
        # a label table with no figures at all is a template (the guide's example quoted in the introduction)
        self.current = None

    # ------------------------------------------------------------------ tables
    def _start_table(self, kind: str, row: _Row) -> None:
        if self.current is None:
            self.mode = None
            self.unplaced.append(row)
            return
        self.current.open_labels = False
        self.mode = kind
        self._read(row)
        self.header = [head_row(row.cells)]
        self.cmap = build_map(kind, self.header)
        self.last_header_row = row

    def _header_goes_on(self, row: _Row) -> bool:
        """The row right under a header (in the same table, or at the top of the next page when the header row
        was broken by the page break) that holds only labels or fragments of labels is part of the header."""
        last = self.last_header_row
        if last is None or self.cmap is None or not looks_like_header(row.cells):
            return False
        same_table = last.table is row.table and row.index == last.index + 1
        broken = last.table is not row.table and row.index == 0 and last.index == last.table.n_rows - 1
        if not (same_table or broken):
            return False
        cut = row.index == row.table.n_rows - 1
        if not merge_header_row(self.header, row.cells, self.cmap.kind, cut):
            return False
        self.cmap = build_map(self.cmap.kind, self.header)
        self.last_header_row = row
        self._read(row)
        return True

    def _read(self, row: _Row) -> None:
        """A header or summary row read whole (for the count of printed numbers placed: conservation.py)."""
        self.read_rows.append((row.page, row.bbox))
        if row.rest_page is not None:
            self.read_rows.extend((pg, bb) for c in row.cells for pg, bb in c.parts)

    def _fields(self, row: _Row) -> dict[str, GridCell]:
        assert self.cmap is not None
        out: dict[str, GridCell] = {}
        for c in row.cells:
            f = self.cmap.field_of(c)
            if f and f not in out:
                out[f] = c
            elif f is None and c.flat:
                out.setdefault("_extra", c)
        if row.page in self.trace_pages and self.current is not None:
            key = " ".join(x for x in self.current.hedef.key if x)
            block = (row.page, row.table.bbox, f"{key} · {self.mode}")
            if block not in self.trace:
                self.trace.append(block)
            for f, c in out.items():
                self.trace.append((row.page, c.bbox, f))
        if row.rest_page is not None:
            # a row joined from two pages: each piece drawn on its page, marked as joined with the other
            for f, c in out.items():
                for pg, bb in c.parts:
                    if pg in self.trace_pages:
                        other = row.rest_page if pg == row.page else row.page
                        self.trace.append((pg, bb, f"{f} ⇅ s.{other}"))
            for above, rest in row.tails:
                if row.rest_page in self.trace_pages and rest.flat:
                    self.trace.append((row.rest_page, rest.bbox, f"{self.cmap.field_of(above)} ⇅ s.{row.page}"))
        return out

    def _check_repair(self, row: _Row, fields: dict[str, GridCell]) -> dict[str, GridCell]:
        """A header that lacks a column shows as values under no header: repair the map once, by position."""
        assert self.cmap is not None and self.current is not None
        if "_extra" in fields and repair_missing_actual(self.cmap):
            h = self.current.hedef
            if any(i.kind == "header_missing_column" and (i.amac, i.hedef, i.performans_hedefi) == h.key
                   for i in self.report.issues):
                return self._fields(row)  # the same header repeated on the next page: said once
            self.report.issues.append(StructureIssue(
                "header_missing_column", row.page, row.table.row_bbox(0), h.amac, h.hedef, h.performans_hedefi,
                detail={"missing": "gerceklesme"}))
            return self._fields(row)
        return fields

    def _gosterge_row(self, row: _Row) -> None:
        assert self.current is not None and self.cmap is not None
        f = self._check_repair(row, self._fields(row))
        h = self.current.hedef
        code_cell = f.get("code")
        name_cell = f.get("name")
        code_text = code_cell.flat if code_cell else ""
        if not code_text and name_cell is not None:
            # the guide's layout: "PG1.1.1: name" in one cell
            code_text = name_cell.flat
        if codes.NOTE_LABEL.match(codes.label_key((name_cell or code_cell).flat if (name_cell or code_cell) else "")):
            self._guide_note(row, f)
            return
        code, printed, rest = codes.item_code(code_text, "PG")
        if code is None and self._continued_row(row, f, ("month", "actual", "rate", "weight", "target")):
            return
        is_new = code is not None or (f.get("seq") is not None and f["seq"].flat) or (
            name_cell is not None and name_cell.flat and "month" not in self.cmap.fields())
        if is_new:
            g = Gosterge(code=code or f"PG{len(h.gostergeler) + 1}", name="")
            g.printed_code = printed
            g.seq = f["seq"].flat if f.get("seq") is not None and f["seq"].flat else None
            if code_cell is not None and name_cell is not None and code_cell is not name_cell:
                g.name = squash(name_cell.flat)
            else:
                g.name = rest
            _, unit = split_unit(g.name)
            g.unit = unit.name
            g.unit_known = unit.known
            for fld in ("weight", "target", "baseline"):
                c = f.get(fld)
                if c is not None:
                    setattr(g, fld, cell_number(c))
                    g.evidence.cells[fld] = _ev(c, row.page)
            for fld in ("seq", "code", "name"):
                c = f.get(fld)
                if c is not None:
                    g.evidence.cells[fld] = _ev(c, row.page)
            g.evidence.page = row.page
            span = max((c.rowspan for c in row.cells), default=1)
            g.evidence.bbox = row.table.row_bbox(row.index, span)
            if code is None:
                self.report.issues.append(StructureIssue(
                    "missing_code", row.page, row.bbox, h.amac, h.hedef, h.performans_hedefi, g.code))
            h.gostergeler.append(g)
            self.current.last_gosterge = g
        g = self.current.last_gosterge
        if not is_new and g is not None and name_cell is not None and name_cell.flat and name_cell is not code_cell:
            # the end of a name cut by a page break, beside the period that goes on on the next page
            g.name = squash(f"{g.name} {name_cell.flat}")
            _, unit = split_unit(g.name)
            g.unit, g.unit_known = unit.name, unit.known
            if (ev := g.evidence.cells.get("name")) is not None:
                ev.text = g.name
                ev.parts.append((row.page, name_cell.bbox))
        if g is None:
            self.report.issues.append(StructureIssue("orphan_row", row.page, row.bbox, h.amac, h.hedef,
                                                     h.performans_hedefi, detail={"text": " | ".join(row.texts())}))
            return
        self.current.prev = "gosterge"
        self._periods(g, row, f)

    def _continued_row(self, row: _Row, f: dict[str, GridCell], value_fields: tuple[str, ...]) -> bool:
        """A row broken by a page break goes on at the top of the next page with only its texts (the end of a
        long name or açıklama) and no code, month or figure: join those texts to the item above."""
        assert self.current is not None
        def holds_value(k: str) -> bool:
            c = f.get(k)
            if c is None or not c.flat:
                return False
            if k == "month":
                return any(codes.month_of(t) for t in c.flat.split())
            return any(parse_number(t) is not None for t in c.flat.split()) or cell_number(c) is not None

        if any(holds_value(k) for k in value_fields) or not any(c.flat for c in row.cells):
            return False
        h = self.current.hedef
        if self.mode == "gosterge" and self.current.prev == "note" and self.current.guide_notes:
            # the rest of a guide-layout Açıklama row broken by the page break
            target, text, cell = self.current.guide_notes[-1]
            rest = squash(" ".join(c.flat for c in row.cells if c.flat))
            self.current.guide_notes[-1] = (target, squash(f"{text} {rest}"), cell)
            cell.parts.extend((row.page, c.bbox) for c in row.cells if c.flat)
            return True
        item: Gosterge | Faaliyet | None
        if self.mode == "gosterge":
            item = self.current.last_gosterge
        else:
            item = h.faaliyetler[-1] if h.faaliyetler else None
        if item is None:
            return False
        name, note = f.get("name"), f.get("note")
        if name is not None and name.flat:
            item.name = squash(f"{item.name} {name.flat}")
            if isinstance(item, Gosterge):
                _, unit = split_unit(item.name)
                item.unit, item.unit_known = unit.name, unit.known
            _more(item.evidence, "name", item.name, row.page, name.bbox)
        if note is not None and note.flat:
            if isinstance(item, Gosterge):
                if item.periods:
                    p = item.periods[-1]
                    p.note = squash(f"{p.note} {note.flat}")
                    _more(p.evidence, "note", p.note, row.page, note.bbox)
            else:
                item.note = squash(f"{item.note} {note.flat}")
                _more(item.evidence, "note", item.note, row.page, note.bbox)
        return True

    def _periods(self, g: Gosterge, row: _Row, f: dict[str, GridCell]) -> None:
        assert self.current is not None and self.cmap is not None
        h = self.current.hedef
        month_cell, actual_cell, rate_cell, note_cell = f.get("month"), f.get("actual"), f.get("rate"), f.get("note")
        if month_cell is None and actual_cell is None and rate_cell is None:
            return
        if "month" in self.cmap.fields():
            month_lines = month_cell.lines if month_cell is not None else []
            months = [codes.month_of(t) for ln in month_lines for t in ln.text.split()]
        else:
            months = [self.period_hint]
        if not months:
            months = [None]
        n = len(months)
        actuals = _split_values(actual_cell, n)
        rates = _split_values(rate_cell, n)
        note = squash(note_cell.flat) if note_cell is not None else ""
        moved = None
        rate_blank = rate_cell is not None and not any(ch.isdigit() for ch in rate_cell.flat)
        if rate_blank and note and parse_number(note) is not None and n == 1:
            # the rate printed in the Açıklama column: read it as what it is, and say where it stood
            rates = [(note_cell.lines[0] if note_cell and note_cell.lines else None, parse_number(note))]
            moved = note_cell
            note = ""
        elif rate_cell is None and "rate" not in self.cmap.fields():
            rates = [(None, None)] * n
        for i, month in enumerate(months):
            p = Period(month, actuals[i][1] if i < len(actuals) else None,
                       rates[i][1] if i < len(rates) else None, note)
            p.evidence.page = row.page
            p.evidence.bbox = row.bbox
            for name, c, vals in (("actual", actual_cell, actuals), ("reported_rate", rate_cell if moved is None else moved, rates)):
                if c is not None:
                    line = vals[i][0] if i < len(vals) else None
                    p.evidence.cells[name] = _line_ev(line, c, row.page)
            if month_cell is not None:
                ml = month_cell.lines[i] if i < len(month_cell.lines) and len(month_cell.lines) == n else None
                p.evidence.cells["month"] = _line_ev(ml, month_cell, row.page)
            if note_cell is not None and note:
                p.evidence.cells["note"] = _ev(note_cell, row.page, note)
            g.periods.append(p)
            if moved is not None:
                self.report.issues.append(StructureIssue(
                    "value_in_wrong_column", row.page, moved.bbox, h.amac, h.hedef, h.performans_hedefi, g.code,
                    month, detail={"field": "reported_rate", "column": "aciklama", "text": moved.flat}))
        if len(actuals) != n or len(rates) != n:
            self.report.issues.append(StructureIssue(
                "period_values_mismatch", row.page, row.bbox, h.amac, h.hedef, h.performans_hedefi, g.code,
                detail={"months": n, "actuals": len(actuals), "rates": len(rates)}))

    def _guide_note(self, row: _Row, f: dict[str, GridCell]) -> None:
        """An ``Açıklama`` row of the guide's table: the note of the gösterge just above, or of the hedef."""
        assert self.current is not None
        cells = [c for c in row.cells if c.flat]
        text = squash(" ".join(c.flat for c in cells[1:])) if len(cells) > 1 else ""
        target = self.current.last_gosterge if self.current.prev == "gosterge" else None
        self.current.prev = "note"
        cell = Cell(text, row.page, cells[-1].bbox if cells else row.bbox)
        self.current.guide_notes.append((target, text, cell))

    def _settle_guide_notes(self, b: _Block) -> None:
        """Açıklama rows after each gösterge are theirs; a single one after several göstergeler is the hedef's."""
        notes = b.guide_notes
        if not notes:
            return
        per_item = len(b.hedef.gostergeler) > 1 and all(t is not None for t, _, _ in notes) and \
            len({id(t) for t, _, _ in notes}) == len(notes) == len(b.hedef.gostergeler)
        if per_item:
            for g, text, cell in notes:
                for p in g.periods:  # type: ignore[union-attr]
                    p.note = text
                    p.evidence.cells["note"] = cell
        else:
            b.hedef.note = squash(" ".join(t for _, t, _ in notes))
            first = notes[0][2]
            b.hedef.evidence.cells["note"] = Cell(b.hedef.note, first.page, first.bbox, parts=list(first.parts) + [
                piece for _, _, c in notes[1:] for piece in c.pieces() if piece[0] is not None])

    def _faaliyet_row(self, row: _Row) -> None:
        assert self.current is not None and self.cmap is not None
        f = self._fields(row)
        h = self.current.hedef
        code_cell = f.get("code")
        code, printed, _ = codes.item_code(code_cell.flat if code_cell else "", "F")
        name_cell = f.get("name")
        if code is None and self._continued_row(row, f, ("budget", "spent", "rate")):
            return
        fa = Faaliyet(code=code or f"F{len(h.faaliyetler) + 1}", name=squash(name_cell.flat) if name_cell else "")
        fa.printed_code = printed
        fa.seq = f["seq"].flat if f.get("seq") is not None and f["seq"].flat else None
        for fld, attr in (("budget", "budget"), ("spent", "spent"), ("rate", "reported_rate")):
            c = f.get(fld)
            if c is not None:
                setattr(fa, attr, cell_number(c))
                fa.evidence.cells[attr] = _ev(c, row.page)
        for fld in ("seq", "code", "name"):
            c = f.get(fld)
            if c is not None:
                fa.evidence.cells[fld] = _ev(c, row.page)
        if f.get("note") is not None:
            fa.note = squash(f["note"].flat)
            if fa.note:
                fa.evidence.cells["note"] = _ev(f["note"], row.page, fa.note)
        fa.evidence.page = row.page
        fa.evidence.bbox = row.bbox
        if code is None:
            self.report.issues.append(StructureIssue("missing_code", row.page, row.bbox, h.amac, h.hedef,
                                                     h.performans_hedefi, fa.code))
        h.faaliyetler.append(fa)

    # ------------------------------------------------------------------ end
    def finish(self) -> Report:
        self._flush_cut()
        self._close_block()
        self.summary.finish()
        r = self.report
        r.layout = max(self.layouts, key=lambda k: self.layouts[k]) if self.layouts else "unknown"
        for row in self.unplaced:
            # a gösterge row with figures outside any hedef block (a template with empty cells is not one)
            texts = row.texts()
            if any(codes.item_code(t, "PG")[0] for t in texts) and any(parse_number(t) is not None for t in texts):
                self.report.issues.append(StructureIssue("unplaced_row", row.page, row.bbox,
                                                         detail={"text": " | ".join(row.texts())}))
        return r


def _more(ev: Evidence, name: str, text: str, page: int, bbox) -> None:
    """A text that goes on in a further cell (the rest of a name or note on the next row or page)."""
    c = ev.cells.get(name)
    if c is None:
        ev.cells[name] = Cell(text, page, bbox)
    else:
        c.text = text
        c.parts.append((page, bbox))


def _same_texts(row: _Row, table: GridTable) -> bool:
    """Whether a row repeats the first row of a table (its header, printed again on the next page)."""
    first = table.rows()[0] if table.n_rows else []
    texts = [squash(c.flat) for c in row.cells if c.flat]
    return bool(texts) and texts == [squash(c.flat) for c in first if c.flat]


def rest_page(row: _Row) -> int:
    return row.rest_page or row.page


def _overlap(a: GridCell, b: GridCell) -> float:
    """1.0 when two cells stand in the same column (their left and right borders within 2 pt), else 0."""
    return 1.0 if abs(a.bbox[0] - b.bbox[0]) < 2.0 and abs(a.bbox[2] - b.bbox[2]) < 2.0 else 0.0


def _touches(a: GridCell, b: GridCell) -> bool:
    return min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0]) > 1.0


def _on_page(lines: list[Line], page: int) -> list[Line]:
    return [ln if ln.page is not None else replace(ln, page=page) for ln in lines]


def _join_cut(top: _Row, rest: _Row) -> _Row:
    """One row from the two pieces of a row cut by a page break: each cell of the rest (at the top of the next
    page) goes on in the cell above it in the same column, its lines after the cut piece's lines, every line
    keeping its page and box. A rest cell under a cell that the cut row had merged from above (a name spanning
    the month sub-rows) is kept as a tail of that cell; a rest cell under nothing stands as it is."""
    joined: dict[int, GridCell] = {}
    extra: list[GridCell] = []
    tails: list[tuple[GridCell, GridCell]] = []
    for q in rest.cells:
        p = max(top.cells, key=lambda c: _overlap(c, q), default=None)
        if p is not None and _overlap(p, q) > 0.5:
            base = joined.get(id(p)) or GridCell(p.row, p.col, p.rowspan, p.colspan, p.bbox,
                                                 _on_page(p.lines, top.page), p.parts or [(top.page, p.bbox)])
            base.lines = base.lines + _on_page(q.lines, rest.page)
            base.parts = base.parts + [(rest.page, q.bbox)]
            joined[id(p)] = base
            continue
        c = max(top.covering, key=lambda c: _overlap(c, q), default=None)
        if c is not None and _overlap(c, q) > 0.5:
            tails.append((c, q))
            continue
        extra.append(GridCell(q.row, q.col, q.rowspan, q.colspan, q.bbox, _on_page(q.lines, rest.page),
                              [(rest.page, q.bbox)]))
    # a piece of the cut row with no text that spans several columns of the rest (the cut fell through the
    # cells' borders) gives way to the rest's cells
    out = [joined.get(id(c), c) for c in top.cells
           if id(c) in joined or c.flat or not any(_touches(c, q) for q in extra)] + extra
    out.sort(key=lambda c: c.bbox[0])
    return _Row(top.table, top.index, out, top.covering, tails, rest.page)


def cell_number(cell: GridCell) -> float | None:
    """The number in a cell; a number wrapped inside a narrow cell (``39.400.000,`` / ``00``) is joined."""
    value = parse_number(cell.flat)
    if value is None and len(cell.lines) > 1:
        value = parse_number("".join(ln.text for ln in cell.lines))
    return value


def _split_values(cell: GridCell | None, n: int) -> list[tuple[Line | None, float | None]]:
    """The values of a cell for ``n`` periods: one per line (``0,00`` / ``0,00``) or per token."""
    if cell is None:
        return [(None, None)] * n
    if n == 1:
        return [(cell.lines[0] if len(cell.lines) == 1 else None, cell_number(cell))]
    if len(cell.lines) == n:
        return [(ln, parse_number(ln.text)) for ln in cell.lines]
    tokens = cell.flat.split()
    if len(tokens) == n:
        return [(None, parse_number(t)) for t in tokens]
    if not cell.flat:
        return [(None, None)] * n
    return [(None, parse_number(t)) for t in tokens]
