"""Drafts (.docx, .xlsx) as the same blocks a PDF page gives: grid tables and lines of running text.

A draft has no pages and no geometry, so its sources lay it out on a synthetic sheet: columns at the widths the
file gives them (grid columns in Word, column widths in Excel), rows one under another. The assembler reads
these blocks exactly as it reads a PDF's, so a draft and the PDF printed from it give the same report.
The synthetic coordinates are not shown to anybody: after assembling, ``apply_refs`` replaces every page and box
in the report by a reference the user can find in the file (``Tablo 12, satır 4, sütun 6``, ``Rapor!F12``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .page import Block, GridCell, GridTable, Line, TextLine

ROW_HEIGHT = 12.0  # points per line of text in a synthetic row
GAP = 6.0  # between blocks


@dataclass
class DraftCell:
    """A cell as the file gives it: grid position (0-based), spans, lines of text."""

    row: int
    col: int
    lines: list[str]
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    ref: str = ""


@dataclass
class _Placed:
    page: int
    box: tuple[float, float, float, float]
    ref: str


@dataclass
class DraftLayout:
    """Blocks in reading order, and what each synthetic box stands for in the file."""

    blocks: list[Block] = field(default_factory=list)
    cells: list[_Placed] = field(default_factory=list)
    rows: list[_Placed] = field(default_factory=list)
    y: float = 0.0
    page: int = 1
    names: dict[int, str] = field(default_factory=dict)  # id(GridTable) -> "Tablo 3", "İzleme!12:40"

    def new_page(self, page: int) -> None:
        self.page, self.y = page, 0.0

    def text(self, text: str, ref: str, bold: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        box = (0.0, self.y, max(10.0, 5.0 * len(text)), self.y + ROW_HEIGHT)
        self.blocks.append(Block(self.page, self.y, text=TextLine(self.page, Line(text, box, bold))))
        self.cells.append(_Placed(self.page, box, ref))
        self.rows.append(_Placed(self.page, box, ref))
        self.y += ROW_HEIGHT + GAP

    def table(self, widths: list[float], cells: list[DraftCell], row_refs: list[str],
              name: str = "") -> GridTable | None:
        """A grid table from cells at grid positions; ``widths`` in points, one per grid column."""
        if not cells:
            return None
        n_rows = max(c.row + c.rowspan for c in cells)
        n_cols = max(len(widths), max(c.col + c.colspan for c in cells))
        widths = list(widths) + [60.0] * (n_cols - len(widths))
        xs = [0.0]
        for w in widths[:n_cols]:
            xs.append(xs[-1] + max(w, 8.0))
        # a row is as high as its tallest cell that starts and ends in it
        heights = [1] * n_rows
        for c in cells:
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], len(c.lines) or 1)
        ys = [self.y]
        for h in heights:
            ys.append(ys[-1] + h * ROW_HEIGHT)
        grid_cells: list[GridCell] = []
        for c in cells:
            bbox = (xs[c.col], ys[c.row], xs[min(c.col + c.colspan, n_cols)], ys[min(c.row + c.rowspan, n_rows)])
            lines = []
            for k, t in enumerate(c.lines):
                t = " ".join(t.split())
                top = bbox[1] + k * ROW_HEIGHT
                lb = (bbox[0] + 1.0, top + 1.0, bbox[2] - 1.0, top + ROW_HEIGHT - 1.0)
                if t:
                    lines.append(Line(t, lb, c.bold))
            grid_cells.append(GridCell(c.row, c.col, c.rowspan, c.colspan, bbox, lines))
            self.cells.append(_Placed(self.page, bbox, c.ref))
        table = GridTable(self.page, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, grid_cells)
        for i in range(n_rows):
            ref = row_refs[i] if i < len(row_refs) else ""
            self.rows.append(_Placed(self.page, (xs[0], ys[i], xs[-1], ys[i + 1]), ref))
        self.blocks.append(Block(self.page, ys[0], table=table))
        if name:
            self.names[id(table)] = name
        self.y = ys[-1] + GAP
        return table

    # ------------------------------------------------------------------ boxes -> references
    def _index(self) -> None:
        exact: dict[tuple, str] = {}
        rows: dict[tuple, str] = {}
        buckets: dict[tuple[int, int], list[_Placed]] = {}
        for p in self.cells:
            exact.setdefault((p.page, *(round(v, 1) for v in p.box)), p.ref)
            for k in range(int(p.box[1] // ROW_HEIGHT), int(p.box[3] // ROW_HEIGHT) + 1):
                buckets.setdefault((p.page, k), []).append(p)
        for p in self.rows:
            rows.setdefault((p.page, round(p.box[0], 1), round(p.box[2], 1), round(p.box[1], 1)), p.ref)
        self._exact, self._rows, self._buckets = exact, rows, buckets

    def locate(self, page: int | None, bbox) -> str | None:
        """The reference of the cell (or text line) a synthetic box lies in; a row box gives the row's."""
        if page is None or bbox is None:
            return None
        if not hasattr(self, "_exact"):
            self._index()
        x0, top, x1, bottom = bbox
        ref = self._exact.get((page, *(round(v, 1) for v in bbox)))
        if ref is None:  # a whole-row box (or one spanning several rows): the first row's reference
            ref = self._rows.get((page, round(x0, 1), round(x1, 1), round(top, 1)))
        if ref is not None:
            return ref
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        best = None
        for p in self._buckets.get((page, int(cy // ROW_HEIGHT)), []):
            bx0, bt, bx1, bb = p.box
            if bx0 - 0.01 <= cx <= bx1 + 0.01 and bt - 0.01 <= cy <= bb + 0.01:
                area = (bx1 - bx0) * (bb - bt)
                if best is None or area < best[0]:
                    best = (area, p.ref)
        return best[1] if best else None


def apply_refs(obj, layout: DraftLayout, _seen: set[int] | None = None) -> None:
    """Replace every synthetic page and box in the report by the reference of the cell it stands for.

    Walks the report's dataclasses generically, so evidence added to the model later is converted too.
    """
    seen = _seen if _seen is not None else set()
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, (list, tuple)):
        for x in obj:
            apply_refs(x, layout, seen)
        return
    if isinstance(obj, dict):
        for x in obj.values():
            apply_refs(x, layout, seen)
        return
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    names = {f.name for f in dataclasses.fields(obj)}
    if "page" in names and "bbox" in names:
        ref = layout.locate(getattr(obj, "page"), getattr(obj, "bbox"))
        if "ref" in names and ref and not getattr(obj, "ref", None):
            setattr(obj, "ref", ref)
        setattr(obj, "bbox", None)
        setattr(obj, "page", None)
    elif "page" in names and isinstance(getattr(obj, "page"), int):
        setattr(obj, "page", None)
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if isinstance(v, (list, tuple, dict)) or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
            apply_refs(v, layout, seen)
