"""Stage 2: from the row stream (``reading/rows.py``) to the report model — the part every layout shares.

The report is read as one stream, top to bottom, page after page, so a table continued on the next page —
with its header repeated or not — simply goes on where it stopped. What a row is follows from its cells:

* label rows (``Amaç (A1) | …``, the guide's ``A1 | …``, ``H1.1 | …``; ``Sorumlu Birim | …``,
  ``Performans % | …``) open and describe a hedef block: every layout reader's ``label_row`` is asked in turn;
* a header row (``Sıra No | Gösterge Kodu | …`` or ``Performans Göstergesi | Hedefe Etkisi (%) | …``) sets
  the column map for the gösterge or faaliyet rows below it, and the layout reader whose ``detect`` scores it
  highest (``layouts/``) takes the table — with no sign in the header, the reader the block's labels named;
* data rows go to that reader (``gosterge_row`` / ``faaliyet_row``); a row with no code of its own (its code
  cell is merged from above, or empty at the top of a continued table) is a further period of the gösterge
  above it;
* the summary part (``HEDEF | MÜDÜRLÜK | PERFORMANS`` tables, the row of amaç percentages, the counts tables)
  and the totals stated in the running text are read by ``summary.py``.

Done here once for every layout: rows cut by a page break joined with their rest, headers repeated on a later
page, header rows continued under the header, header columns whose field is already taken, and the records
of what could not be placed. A table continued on a later page without its header is read with the header's
column map placed by the table's own edges (``columns.frame_between``), so a page printed with other margins
(mirrored odd/even margins, a gutter) or at another scale reads the same; a continued table whose columns do
not fall on the header's is a reading problem (``continued_table_unmatched``), its rows not read into any
field. Whatever does not fit is not dropped: it becomes a ``StructureIssue`` with its page and box.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Faaliyet, Gosterge, Hedef, Report, StructureIssue, TableReading
from ..normalising.numbers import parse_number
from ..normalising.text import squash
from ..normalising.units import split_unit
from ..reading.page import Block, GridCell, GridTable, Line
from ..reading.rows import TableRow, table_rows
from . import codes
from ..normalising.periods import parse_period
from .cells import cell as _cell
from .cells import cell_number, ev as _ev, more as _more
from .hidden import report_hidden_values, report_values_not_found
from .columns import (SAME, Column, ColumnMap, Frame, HeadCell, classify_header, frame_between, head_row,
                      looks_like_header, merge_header_row, repair_missing_actual)
from . import layouts
from .layouts import Detection, HedefBlock, LayoutReader
from .layouts.base import settle_periods
from .summary import SummaryReader

LAYOUT_MONTHLY = "monthly_rows"
LAYOUT_GUIDE = "guide_standard"

_Row = TableRow  # the name the rest of this module (and older code) uses
_Block = HedefBlock
_GENERIC_LABELS = (codes.BIRIM_LABEL, codes.PERF_LABEL)  # label rows of a hedef block in every layout


class Assembler:
    """The generic part of assembling (see the module's docstring); the layout readers are in ``layouts/``.

    A reader (``layouts/base.py``) is handed this object as ``ctx`` and uses only ``report``, ``current``,
    ``cmap``, ``period_hint``, ``fields``, ``columns_of``, ``check_repair``, ``continued_row``, ``open_block``,
    ``reported_performance`` and ``issue``.
    """

    def __init__(self, period_hint: int | None = None, trace_pages: set[int] | None = None,
                 readers: list[LayoutReader] | None = None) -> None:
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
        self.year_hint: int | None = None  # the report's year, from the title line that gives its period
        self.layouts: dict[str, int] = {}  # layout -> hedef blocks read in it
        self.unplaced: list[_Row] = []
        self.cut: _Row | None = None  # the last row of a table cut by the page's bottom margin, until its rest
        self.read_rows: list[tuple[int, tuple[float, float, float, float]]] = []  # header and summary rows read
        # hedef blocks whose label rows were read but which got no figure (left out of the model): (page, box,
        # (amac, hedef, performans hedefi)) — an unread table below one is that hedef's (conservation.py)
        self.unfilled: list[tuple[int, tuple[float, float, float, float], tuple]] = []
        self.readers: list[LayoutReader] = list(readers if readers is not None else layouts.READERS)
        self.reader: LayoutReader = self.readers[0]  # the reader that took the current table
        self.detection: Detection | None = None  # why it took it
        self.tables: list[TableReading] = []  # every table a reader took, and why (report.tables)
        self._repeated_said: set[tuple[int, float]] = set()  # repeated-field columns already reported
        self.head_table: GridTable | None = None  # the table whose header set the column map
        self._frame: tuple[GridTable | None, GridTable | None, Frame | None] = (None, None, SAME)  # last placed
        self._unmatched: list[GridTable] = []  # continued tables already reported as not placed
        self._cut_item: str | None = None  # the item whose cut row's rest is in such a table

    # ------------------------------------------------------------------ stream
    def feed(self, block: Block) -> None:
        if block.text is not None:
            self.summary.text(block.text.line, block.page)
            if self.period_hint is None:
                self.period_hint = codes.period_months_from_title(block.text.line.text)
            if self.year_hint is None:
                self.year_hint = codes.year_from_title(block.text.line.text)
            return
        assert block.table is not None
        table = block.table
        if table.unplaced:
            self._unplaced_table(table)
            return
        rows = list(table_rows(table))
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
                elif self.cmap is not None and self.frame_of(row.table) is None:
                    # its rest is in a table whose columns cannot be placed: read the cut piece as it is; the
                    # reading problem of that table names its item (its checks are not made on half a row)
                    self._row(cut)
                    self._cut_item = self._last_item()
                else:
                    row = _join_cut(cut, row, self._frame_or_same(cut.table), self._frame_or_same(row.table))
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
        fc, fr = self._frame_or_same(cut.table), self._frame_or_same(row.table)
        left = cut.table.xs[0] * fc[0] + fc[1]
        first = next((c for c in row.cells if abs(c.bbox[0] * fr[0] + fr[1] - left) < 2.0), None)
        if first is None or not first.flat:
            return False
        t = first.flat
        key = codes.label_key(t)
        if any(p.match(key) for r in self.readers for p in r.labels) or any(p.match(key) for p in _GENERIC_LABELS):
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
                for p in _sharing_note(item):
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
        if self.mode in ("gosterge", "faaliyet") and self.current is not None and not self._place(row.table):
            self._not_placed(row)
            return
        if self.mode == "gosterge" and self.current is not None:
            self._gosterge_row(row)
        elif self.mode == "faaliyet" and self.current is not None:
            self._faaliyet_row(row)
        elif self.mode == "summary":
            return
        else:
            self.unplaced.append(row)

    # ------------------------------------------------------------------ tables continued elsewhere on a page
    def frame_of(self, table: GridTable) -> Frame | None:
        """Where a table stands relative to the table whose header set the column map (``columns.frame_between``):
        SAME for that table itself, a scale and shift for a continuation printed elsewhere on its page, None when
        its columns do not fall on the header's."""
        head = self.head_table
        if head is None or table is head:
            return SAME
        t, h, f = self._frame
        if t is table and h is head:
            return f
        f = frame_between(head.xs, table.xs)
        self._frame = (table, head, f)
        return f

    def _frame_or_same(self, table: GridTable) -> Frame:
        return self.frame_of(table) or SAME

    def _place(self, table: GridTable) -> bool:
        """The column map placed for a table's rows; False when its columns cannot be placed under the header."""
        assert self.cmap is not None
        f = self.frame_of(table)
        self.cmap.frame = f or SAME
        return f is not None

    def _not_placed(self, row: _Row) -> None:
        """A row of a table continued without its header whose columns do not fall on the header's: not read
        into any field (a value would land in the wrong one), the table reported once, with its page and box."""
        if any(t is row.table for t in self._unmatched):
            return
        self._unmatched.append(row.table)
        item, self._cut_item = self._cut_item, None
        self.issue("continued_table_unmatched", row.page, row.table.bbox, item=item,
                   text=" | ".join(row.texts())[:80])

    def _unplaced_table(self, table: GridTable) -> None:
        """The rest of a table left open on the page before whose columns the reader could not tell: a row cut
        at that page's foot is read as it is, and the rest is one reading problem with its page and box, naming
        the cut row's item (its checks are not made on half a row)."""
        item = None
        if self.cut is not None:
            self._flush_cut()
            item = self._last_item()
        text = " ".join(c.flat for c in table.cells)
        self.issue("continued_table_unmatched", table.page, table.bbox, item=item, text=text[:80])

    def _last_item(self) -> str | None:
        """The code of the gösterge or faaliyet read last in the current block."""
        if self.current is None:
            return None
        if self.mode == "gosterge" and self.current.last_gosterge is not None:
            return self.current.last_gosterge.code
        if self.mode == "faaliyet" and self.current.hedef.faaliyetler:
            return self.current.hedef.faaliyetler[-1].code
        return None

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
        if any(r.label_row(self, row, key, cells) for r in self.readers):
            return True
        if self.current is None or not self.current.open_labels:
            return False
        value = cells[1] if len(cells) > 1 else None
        vtext = squash(value.flat) if value else ""
        h = self.current.hedef
        if codes.BIRIM_LABEL.match(key):
            h.sorumlu_birim = vtext
            if value:
                h.evidence.cells["sorumlu_birim"] = _cell(value, row.page)  # type: ignore[assignment]
            return True
        if codes.PERF_LABEL.match(key):
            self.reported_performance(value, vtext, row.page)
            return True
        return False

    def reported_performance(self, value: GridCell | None, vtext: str, page: int) -> None:
        assert self.current is not None
        h = self.current.hedef
        h.reported_performance = cell_number(value) if value is not None else parse_number(vtext)
        if value is not None:
            h.evidence.cells["reported_performance"] = _ev(value, page, vtext)

    def open_block(self, page: int, row: _Row) -> None:
        """Open a new hedef block at a label row (or keep filling one whose label table goes on)."""
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
        settle_periods(self, b)  # "I. Dönem": a quarter or a half-year, told by the block's other labels
        for r in self.readers:  # each settles its own notes on the block
            r.close_block(self, b)
        h = b.hedef
        has_numbers = h.reported_performance is not None or any(
            g.weight is not None or g.target is not None or any(p.actual is not None for p in g.periods)
            for g in h.gostergeler
        ) or any(f.budget is not None for f in h.faaliyetler)
        if h.hedef and has_numbers:
            self.report.hedefler.append(h)
            self.layouts[b.layout] = self.layouts.get(b.layout, 0) + 1
        elif h.hedef and h.evidence.page is not None and h.evidence.bbox is not None:
            self.unfilled.append((h.evidence.page, h.evidence.bbox, h.key))
        # a label table with no figures at all is a template (the guide's example quoted in the introduction)
        self.current = None

    # ------------------------------------------------------------------ tables
    def _start_table(self, kind: str, row: _Row) -> None:
        if self.current is None and not self._open_for_table(kind, row):
            self.mode = None
            self.unplaced.append(row)
            return
        assert self.current is not None
        self.current.open_labels = False
        self.mode = kind
        self._read(row)
        self.head_table = row.table
        self.header = [head_row(row.cells)]
        self._take_table(kind, row)
        self.last_header_row = row

    def _open_for_table(self, kind: str, row: _Row) -> bool:
        """A table outside any hedef block: a reader whose rows carry their block's code (``opens_blocks``: the
        activity report's per-müdürlük table) takes it when it recognises the header; an empty block is opened
        for it, which its rows fill (``switch_block``)."""
        openers = [r for r in self.readers if r.opens_blocks]
        if not openers:
            return False
        generic = self.readers[0].column_map(kind, [head_row(row.cells)])
        best = max((r.detect(kind, generic.columns) for r in openers), key=lambda d: d.score)
        if best.score <= 0:
            return False
        self.open_block(row.page, row)
        self.current.layout = best.reader  # type: ignore[union-attr]
        return True

    def switch_block(self, row: _Row) -> None:
        """Close the current block and open an empty one, staying in the table being read (a reader whose rows
        carry their block's code, at a row of another block)."""
        state = (self.mode, self.cmap, self.reader, self.detection, self.header, self.last_header_row)
        layout = self.current.layout if self.current is not None else self.reader.name
        self.open_block(row.page, row)
        self.mode, self.cmap, self.reader, self.detection, self.header, self.last_header_row = state
        assert self.current is not None
        self.current.layout, self.current.open_labels = layout, False

    def _take_table(self, kind: str, row: _Row, again: bool = False) -> None:
        """Every reader scores the header; the best above 0 takes the table (with none, the reader the block's
        label rows named) and builds its column map. ``again``: the header grew by a row, decide anew."""
        assert self.current is not None
        generic = self.readers[0].column_map(kind, self.header)
        scored = [r.detect(kind, generic.columns) for r in self.readers]
        best = max(scored, key=lambda d: d.score)
        if best.score > 0:
            self.reader = self._reader_named(best.reader)
            self.current.layout = best.reader
        else:
            self.reader = self._reader_named(self.current.layout)
            labels = tuple(v for v in self.current.hedef.printed_codes.values() if v)  # the codes its labels printed
            best = Detection(self.reader.name, 0.0, labels, via="labels")
        self.detection = best
        self.cmap = self.reader.column_map(kind, self.header)
        entry = TableReading(row.page, row.bbox, kind, best.reader, best.score, list(best.evidence), best.via,
                             {d.reader: d.score for d in scored})
        if again and self.tables:  # the same table, its header grown by a row: stands where it began
            entry.page, entry.bbox = self.tables[-1].page, self.tables[-1].bbox
            self.tables[-1] = entry
        else:
            self.tables.append(entry)
        if entry.page in self.trace_pages:
            self.trace = [tr for tr in self.trace if not (tr[1] == entry.bbox and tr[2].startswith("⟶"))]
            self.trace.append((entry.page, entry.bbox, _detection_label(best, kind)))

    @property
    def detections(self) -> list[tuple[int | None, object, str, Detection, dict[str, float]]]:
        """``tables`` in the first interface's shape: (page, header row's box, kind, the winning detection, every
        reader's score) per table."""
        return [(t.page, t.bbox, t.kind, Detection(t.reader, t.score, tuple(t.evidence), t.via), dict(t.scores))
                for t in self.tables]

    def _reader_named(self, name: str) -> LayoutReader:
        return next((r for r in self.readers if r.name == name), self.readers[0])

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
        self._take_table(self.cmap.kind, row, again=True)
        self.last_header_row = row
        self._read(row)
        return True

    def _read(self, row: _Row) -> None:
        """A header or summary row read whole (for the count of printed numbers placed: conservation.py)."""
        self.read_rows.append((row.page, row.bbox))
        if row.rest_page is not None:
            self.read_rows.extend((pg, bb) for c in row.cells for pg, bb in c.parts)

    def columns_of(self, row: _Row) -> list[tuple[Column | None, GridCell]]:
        """Every cell of a data row with the column it stands in (None: under no column of the header)."""
        assert self.cmap is not None
        return [(self.cmap.column_of(c), c) for c in row.cells]

    def fields(self, row: _Row) -> dict[str, GridCell]:
        """field -> the cell under its column; ``_extra``: the first text under no field. A cell under a column
        whose field another column holds (no period tells them apart) is a reading problem, said once per
        column; a reader that reads period columns takes them from ``columns_of``."""
        assert self.cmap is not None
        out: dict[str, GridCell] = {}
        for col, c in self.columns_of(row):
            f = col.field if col is not None else None
            if f and col is not self.cmap.first_of(f):
                # a second column of a field: a period column for a reader that reads them, else a problem
                if c.flat and not (self.reader.reads_periods and col.period is not None):
                    self._repeated_column(row, col, c)
                continue
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

    _fields = fields

    def _repeated_column(self, row: _Row, col: Column, c: GridCell) -> None:
        """A value under a header column whose field another column already holds: not dropped, not guessed —
        a reading problem naming the column, once per column of the table (its header) and its first value."""
        key = (row.page, round(col.x0, 1))
        if key in self._repeated_said:
            return
        self._repeated_said.add(key)
        self.issue("header_field_repeated", row.page, c.bbox, label=col.label, field=col.field or "",
                   text=c.flat[:40])

    def check_repair(self, row: _Row, fields: dict[str, GridCell]) -> dict[str, GridCell]:
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
            return self.fields(row)
        return fields

    _check_repair = check_repair

    def issue(self, kind: str, page: int | None, bbox=None, item: str | None = None, period: int | None = None,
              **detail) -> None:
        """A ``StructureIssue`` in the current hedef block (or outside any)."""
        h = self.current.hedef if self.current is not None else None
        self.report.issues.append(StructureIssue(kind, page, bbox, h.amac if h else None, h.hedef if h else None,
                                                 h.performans_hedefi if h else None, item, period,
                                                 detail=dict(detail)))

    def continued_row(self, row: _Row, f: dict[str, GridCell], value_fields: tuple[str, ...]) -> bool:
        """A row broken by a page break goes on at the top of the next page with only its texts (the end of a
        long name or açıklama) and no code, month or figure: join those texts to the item above."""
        assert self.current is not None

        def holds_value(k: str) -> bool:
            c = f.get(k)
            if c is None or not c.flat:
                return False
            if k == "month":
                return any(codes.month_of(t) for t in c.flat.split()) or parse_period(c.flat) is not None
            return any(parse_number(t) is not None for t in c.flat.split()) or cell_number(c) is not None

        if any(holds_value(k) for k in value_fields) or not any(c.flat for c in row.cells):
            return False
        h = self.current.hedef
        if self.mode == "gosterge" and self.reader.own_continuation(self, row):
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
                for p in _sharing_note(item):
                    p.note = squash(f"{p.note} {note.flat}")
                    _more(p.evidence, "note", p.note, row.page, note.bbox)
            else:
                item.note = squash(f"{item.note} {note.flat}")
                _more(item.evidence, "note", item.note, row.page, note.bbox)
        return True

    def _gosterge_row(self, row: _Row) -> None:
        self.reader.gosterge_row(self, row)

    def _faaliyet_row(self, row: _Row) -> None:
        self.reader.faaliyet_row(self, row)

    # ------------------------------------------------------------------ end
    def finish(self) -> Report:
        self._flush_cut()
        self._close_block()
        self.summary.finish()
        r = self.report
        r.layout = max(self.layouts, key=lambda k: self.layouts[k]) if self.layouts else "unknown"
        r.tables = self.tables
        for row in self.unplaced:
            # a gösterge row with figures outside any hedef block (a template with empty cells is not one)
            texts = row.texts()
            if any(codes.item_code(t, "PG")[0] for t in texts) and any(parse_number(t) is not None for t in texts):
                self.report.issues.append(StructureIssue("unplaced_row", row.page, row.bbox,
                                                         detail={"text": " | ".join(row.texts())}))
        report_hidden_values(r)
        report_values_not_found(r)
        return r


def _detection_label(d: Detection, kind: str) -> str:
    """What ``debug`` writes on a table's header: the reader that took it, its score and the cells that decided."""
    why = ", ".join(d.evidence[:4]) if d.evidence else "—"
    how = f"{d.score:.2f}" if d.via == "header" else "etiket/labels"
    return f"⟶ {d.reader} ({kind}) {how}: {why}"


def _same_texts(row: _Row, table: GridTable) -> bool:
    """Whether a row repeats the first row of a table (its header, printed again on the next page)."""
    first = table.rows()[0] if table.n_rows else []
    texts = [squash(c.flat) for c in row.cells if c.flat]
    return bool(texts) and texts == [squash(c.flat) for c in first if c.flat]


def _sharing_note(g: Gosterge) -> list:
    """The periods whose açıklama is the last period's, read from the same cell (one açıklama beside a ``3 / 6``
    cell is every period's): the rest of that açıklama on the next row or page goes on in each of them."""
    if not g.periods:
        return []
    last = g.periods[-1]
    cell = last.evidence.cells.get("note")
    if cell is None:
        return [last]
    return [p for p in g.periods if p is last or (
        p.note == last.note and (c := p.evidence.cells.get("note")) is not None
        and (c.page, c.bbox) == (cell.page, cell.bbox))]


def rest_page(row: _Row) -> int:
    return row.rest_page or row.page


def _xs(c: GridCell, frame: Frame) -> tuple[float, float]:
    """A cell's left and right borders placed under the header (``frame``: its table's scale and shift)."""
    return c.bbox[0] * frame[0] + frame[1], c.bbox[2] * frame[0] + frame[1]


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """1.0 when two cells (placed borders) stand in the same column, else 0: left and right borders within 2 pt,
    or within a quarter of the narrower cell (a table without vertical rules puts its borders in the middle of
    gaps that differ from page to page)."""
    tol = max(2.0, min(a[1] - a[0], b[1] - b[0]) / 4)
    return 1.0 if abs(a[0] - b[0]) < tol and abs(a[1] - b[1]) < tol else 0.0


def _touches(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) > 1.0


def _on_page(lines: list[Line], page: int) -> list[Line]:
    return [ln if ln.page is not None else replace(ln, page=page) for ln in lines]


def _join_cut(top: _Row, rest: _Row, ftop: Frame = SAME, frest: Frame = SAME) -> _Row:
    """One row from the two pieces of a row cut by a page break: each cell of the rest (at the top of the next
    page) goes on in the cell above it in the same column, its lines after the cut piece's lines, every line
    keeping its page and box. A rest cell under a cell that the cut row had merged from above (a name spanning
    the month sub-rows) is kept as a tail of that cell; a rest cell under nothing stands as it is. Columns are
    compared placed under the header (``ftop``, ``frest``: each piece's table's frame), so a next page printed
    with other margins joins the same."""
    joined: dict[int, GridCell] = {}
    extra: list[GridCell] = []
    tails: list[tuple[GridCell, GridCell]] = []
    for q in rest.cells:
        qx = _xs(q, frest)
        p = max(top.cells, key=lambda c: _overlap(_xs(c, ftop), qx), default=None)
        if p is not None and _overlap(_xs(p, ftop), qx) > 0.5:
            base = joined.get(id(p)) or GridCell(p.row, p.col, p.rowspan, p.colspan, p.bbox,
                                                 _on_page(p.lines, top.page), p.parts or [(top.page, p.bbox)])
            base.lines = base.lines + _on_page(q.lines, rest.page)
            base.parts = base.parts + [(rest.page, q.bbox)]
            joined[id(p)] = base
            continue
        c = max(top.covering, key=lambda c: _overlap(_xs(c, ftop), qx), default=None)
        if c is not None and _overlap(_xs(c, ftop), qx) > 0.5:
            tails.append((c, q))
            continue
        extra.append(GridCell(q.row, q.col, q.rowspan, q.colspan, q.bbox, _on_page(q.lines, rest.page),
                              [(rest.page, q.bbox)]))
    # a piece of the cut row with no text that spans several columns of the rest (the cut fell through the
    # cells' borders) gives way to the rest's cells
    out = [joined.get(id(c), c) for c in top.cells
           if id(c) in joined or c.flat or not any(_touches(_xs(c, ftop), _xs(q, frest)) for q in extra)] + extra
    out.sort(key=lambda c: c.bbox[0])
    return _Row(top.table, top.index, out, top.covering, tails, rest.page)
