"""Cells to model values and evidence: shared by the generic assembler and every layout reader.

A grid cell becomes a ``model.Cell`` (text, page, box) — or, for a cell joined from the two pieces of a row cut
by a page break, the pieces that hold its text; a cell holding one value per period (``0,00`` / ``0,00``) is
split into its lines; a number wrapped inside a narrow cell (``39.400.000,`` / ``00``) is joined.
"""

from __future__ import annotations

from ..model import Cell, Evidence
from ..normalising.numbers import parse_number
from ..reading.page import GridCell, Line


def cell(c: GridCell | None, page: int, line: Line | None = None) -> Cell | None:
    if c is None:
        return None
    if line is not None:
        return Cell(line.text, line.page or page, line.bbox)
    return ev(c, page, c.text)


def ev(c: GridCell, page: int, text: str | None = None) -> Cell:
    """The evidence of a grid cell: its page and box, or, for a cell joined from the two pieces of a row cut by
    a page break, the pieces that hold its text (both pages when the text runs over both)."""
    text = c.flat if text is None else text
    if not c.parts:
        return Cell(text, page, c.bbox)
    pages = {ln.page for ln in c.lines}
    pieces = [(pg, bb) for pg, bb in c.parts if pg in pages] or c.parts[:1]
    return Cell(text, pieces[0][0], pieces[0][1], parts=pieces[1:])


def line_ev(line: Line | None, c: GridCell, page: int) -> Cell:
    """The evidence of one line of a cell (one of the values of a ``3 / 6`` cell), on its own page."""
    if line is None:
        return ev(c, page)
    return Cell(line.text, line.page or page, line.bbox)


def more(evidence: Evidence, name: str, text: str, page: int, bbox) -> None:
    """A text that goes on in a further cell (the rest of a name or note on the next row or page)."""
    c = evidence.cells.get(name)
    if c is None:
        evidence.cells[name] = Cell(text, page, bbox)
    else:
        c.text = text
        c.parts.append((page, bbox))


def cell_number(c: GridCell) -> float | None:
    """The number in a cell; a number wrapped inside a narrow cell (``39.400.000,`` / ``00``) is joined."""
    value = parse_number(c.flat)
    if value is None and len(c.lines) > 1:
        value = parse_number("".join(ln.text for ln in c.lines))
    return value


def split_values(c: GridCell | None, n: int) -> list[tuple[Line | None, float | None]]:
    """The values of a cell for ``n`` periods: one per line (``0,00`` / ``0,00``) or per token."""
    if c is None:
        return [(None, None)] * n
    if n == 1:
        return [(c.lines[0] if len(c.lines) == 1 else None, cell_number(c))]
    if len(c.lines) == n:
        return [(ln, parse_number(ln.text)) for ln in c.lines]
    tokens = c.flat.split()
    if len(tokens) == n:
        return [(None, parse_number(t)) for t in tokens]
    if not c.flat:
        return [(None, None)] * n
    return [(None, parse_number(t)) for t in tokens]
