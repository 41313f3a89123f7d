"""The row stream: what every source gives the layout readers, whatever it read.

Every source — the PDF lattice grid (``grid.py``), the PDF text-alignment reading of tables without vertical
rules (``stream_grid.py``), camelot, a Word draft's tables (``docx_source.py``) and an Excel draft's sheets
(``xlsx_source.py``) — ends in ``Block`` s in reading order (``layout.page_blocks``, ``draft.py``). The layout
readers do not see blocks: they see one neutral stream of

* ``TableRow`` — one row of a table: the cells that start in it (``GridCell``: text as lines, box, row/col
  spans), the cells merged into it from above (``covering``: a gösterge's name spanning its month sub-rows),
  its page (for a draft: the synthetic page of its table or sheet, mapped back to a cell reference by
  ``draft.apply_refs``), its index in its table and its box; and
* ``TextRow`` — one line of running text between tables (titles, the totals stated in the text).

Coordinates are the page frame's (``geometry.py``): points, origin top-left, y down. A row knows its table
(``row.table``: column boundaries ``xs``, whether the table is cut by the page's bottom margin, ``open_bottom``)
so that the generic part of assembling can join a row broken across pages; the readers need only ``cells``,
``page``, ``bbox`` and ``texts()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .page import Block, GridCell, GridTable, Line


@dataclass
class TableRow:
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

    @property
    def first(self) -> bool:
        """The first row of its table (a header, or the top of a table continued from the page before)."""
        return self.index == 0

    @property
    def last(self) -> bool:
        return self.index == self.table.n_rows - 1

    def texts(self) -> list[str]:
        return [c.flat for c in self.cells if c.flat]


@dataclass
class TextRow:
    """A line of running text between tables."""

    page: int
    line: Line


def table_rows(table: GridTable) -> Iterator[TableRow]:
    """The rows of one table, top to bottom, each with the cells merged into it from the rows above."""
    active: list[GridCell] = []
    for i, cells in enumerate(table.rows()):
        active = [c for c in active if c.row + c.rowspan > i]
        yield TableRow(table, i, cells, list(active))
        active.extend(c for c in cells if c.rowspan > 1)


def row_stream(blocks: Iterable[Block]) -> Iterator[TableRow | TextRow]:
    """Blocks in reading order (a page's, a draft's) as one stream of table rows and text lines."""
    for b in blocks:
        if b.text is not None:
            yield TextRow(b.page, b.text.line)
        elif b.table is not None:
            yield from table_rows(b.table)
