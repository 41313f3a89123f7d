"""``--engine camelot``: camelot-py's lattice table finder as a second engine.

Camelot finds the tables and their cell grid (with spans, from which cell borders are missing); the characters
come from PDFium, as in the fast engine, because camelot joins a cell's text in ways that lose the line
structure the assembler needs (two values in one cell). Running text between tables is not camelot's business
either: it is the characters outside every table. What camelot cannot do is said, not hidden: it reads no
password-protected PDF without the password and needs Ghostscript or pdfium for rendering.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import UserError
from .grid import fill_cells, grid_from_spans, group_lines
from .page import Block, GridTable, TextLine
from .pdfium_source import page_content


def _tables_for_page(tables, number: int, height: float) -> list[GridTable]:
    out: list[GridTable] = []
    for t in tables:
        if int(t.page) != number:
            continue
        xs = [t.cols[0][0]] + [c[1] for c in t.cols]
        ys = [height - t.rows[0][0]] + [height - r[1] for r in t.rows]
        cells = t.cells

        def right(i: int, j: int, cells=cells) -> bool:
            return not cells[i][j].right

        def down(i: int, j: int, cells=cells) -> bool:
            return not cells[i][j].bottom

        out.append(grid_from_spans(number, xs, ys, right, down))
    out.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return out


def iter_blocks_camelot(path: Path, password: str | None = None, pages: list[int] | None = None) -> Iterator[list[Block]]:
    try:
        import camelot  # noqa: F401
    except ImportError:
        raise UserError("engine_missing", engine="camelot", extra="camelot") from None
    import camelot
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        spec = ",".join(str(n) for n in numbers)
        kwargs = {"flavor": "lattice", "pages": spec, "line_scale": 40}
        if password:
            kwargs["password"] = password
        tables = camelot.read_pdf(str(path), **kwargs)
        for n in numbers:
            content = page_content(pdf, n)
            grids = _tables_for_page(tables, n, content.height)
            outside = fill_cells(grids, content.chars)
            blocks = [Block(n, g.bbox[1], table=g) for g in grids]
            blocks += [Block(n, ln.bbox[1], text=TextLine(n, ln)) for ln in group_lines(outside)]
            blocks.sort(key=lambda b: (b.top, 0 if b.table else 1))
            yield blocks
    finally:
        pdf.close()
