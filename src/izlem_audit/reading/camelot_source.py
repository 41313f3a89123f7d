"""``--engine camelot``: camelot-py's lattice table finder as a second engine.

Camelot finds the tables and their cell grid (with spans, from which cell borders are missing); the characters
come from PDFium, as in the fast engine, because camelot joins a cell's text in ways that lose the line
structure the assembler needs (two values in one cell). Running text between tables is not camelot's business
either: it is the characters outside every table. What camelot cannot do is said, not hidden: it reads no
password-protected PDF without the password and needs Ghostscript or pdfium for rendering.

Camelot has no notion of the page frame (``geometry.py``): it measures from the MediaBox and renders the
CropBox, and a /Rotate 180 or a CropBox inside the MediaBox loses its tables. A page whose geometry is not
plain is therefore handed to camelot as a temporary copy in which the page *is* its frame (MediaBox and
CropBox = the frame's size at the origin, no /Rotate, the content mapped by the frame's transform); the
original is only read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import UserError
from .geometry import PageFrame, pdfium_frame
from .grid import fill_cells, grid_from_spans, group_lines
from .stream_grid import StreamCarry, stream_tables
from .page import Block, GridTable, PageContent, TextLine


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


def _frames(pdf, numbers: list[int]) -> tuple[dict[int, PageFrame], bool]:
    """Each page's frame, and whether any page's geometry is not plain (the frame is not the MediaBox as is)."""
    frames: dict[int, PageFrame] = {}
    plain = True
    for n in numbers:
        page = pdf[n - 1]
        try:
            frame = frames[n] = pdfium_frame(page)
        finally:
            page.close()
        plain = plain and frame.turn == 0 and frame.rotate == 0 and frame.crop is None and frame.box[:2] == (0.0, 0.0)
    return frames, not plain


def _frame_copy(path: Path, password: str | None, frames: dict[int, PageFrame], out: Path) -> None:
    """Write a copy of ``path`` whose pages are their frames: what camelot measures is then the frame."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import NameObject, NumberObject, RectangleObject

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    writer = PdfWriter(clone_from=reader)
    for n, frame in frames.items():
        page = writer.pages[n - 1]
        a, b, c, d, e, f = frame.affine()
        # frame (x, y down) -> the copy's user space (x, y up)
        page.add_transformation(Transformation((a, -b, c, -d, e, frame.height - f)))
        box = RectangleObject([0, 0, frame.width, frame.height])
        page.mediabox = box
        page.cropbox = box
        page[NameObject("/Rotate")] = NumberObject(0)
    with open(out, "wb") as fh:
        writer.write(fh)


class CamelotTables:
    """The tables camelot finds on ``numbers`` (read once, in one call), handed out page by page: the blocks of
    a page are camelot's grids filled with the page's characters (from PDFium), the tables drawn with horizontal
    rules only, and the text lines outside every table."""

    def __init__(self, path: Path, password: str | None, numbers: list[int]) -> None:
        try:
            import camelot
        except ImportError:
            raise UserError("engine_missing", engine="camelot", extra="camelot") from None
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path), password=password)
        try:
            frames, turned = _frames(pdf, numbers)
        finally:
            pdf.close()
        self.carry = StreamCarry()  # a table without vertical rules broken across pages: its columns, page to page
        kwargs = {"flavor": "lattice", "pages": ",".join(str(n) for n in numbers), "line_scale": 40}
        if not turned:
            if password:
                kwargs["password"] = password
            self.tables = camelot.read_pdf(str(path), **kwargs)
            return
        with tempfile.TemporaryDirectory(prefix="izlem-camelot-") as tmp:
            target = Path(tmp) / "frames.pdf"
            _frame_copy(path, password, frames, target)
            self.tables = camelot.read_pdf(str(target), **kwargs)

    def __call__(self, content: PageContent) -> list[Block]:
        grids = _tables_for_page(self.tables, content.number, content.height)
        outside = fill_cells(grids, content.chars)
        more, outside = stream_tables(content, grids, outside, self.carry)  # tables with horizontal rules only
        grids = grids + more
        blocks = [Block(content.number, g.bbox[1], table=g) for g in grids]
        blocks += [Block(content.number, ln.bbox[1], text=TextLine(content.number, ln)) for ln in group_lines(outside)]
        blocks.sort(key=lambda b: (b.top, 0 if b.table else 1))
        return blocks
