"""Plain data that the reading stage hands on: characters, ruling segments, grid tables, text lines.

Coordinates are in the page frame (``geometry.py``): PDF points, origin at the top-left corner of the page
(MediaBox) turned so that its text reads upright, ``x0 < x1`` left to right, ``top < bottom`` top to bottom.
Every page source gives them so, whatever the page's /Rotate, CropBox and MediaBox origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    conf: float | None = None  # OCR confidence 0..100 of the word it belongs to (a scanned page); None: vector text

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Segment:
    """A ruling line: horizontal (``top == bottom``) or vertical (``x0 == x1``)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class PageContent:
    number: int  # 1-based
    width: float  # of the page frame
    height: float
    chars: list[Char]
    segments: list[Segment]
    # the segments as ruling lines (``grid.ruling``), with the list they were made from: the ruled-table finder
    # and the finder of tables without vertical rules both need them
    _ruling: tuple | None = field(default=None, repr=False, compare=False)


@dataclass
class Line:
    """One line of text inside a cell or on the page."""

    text: str
    bbox: tuple[float, float, float, float]
    bold: bool = False
    # the line ends in a hyphen with no space after it: the word goes on in the next line ("Güzeltepe-" /
    # "Şirintepe"); producers that keep the space at a wrapped line's end (LibreOffice, Word) tell the two apart
    hyphen_break: bool = False
    page: int | None = None  # set where a cell broken across pages joins lines of two pages


def join_lines(lines: list[Line]) -> str:
    parts: list[str] = []
    for i, line in enumerate(lines):
        if i and not lines[i - 1].hyphen_break:
            parts.append(" ")
        parts.append(line.text)
    return "".join(parts).strip()


@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]
    lines: list[Line] = field(default_factory=list)
    # a cell joined from the pieces of a row cut by a page break: (page, box) of every piece, in order
    parts: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cell's lines joined with a line break (``"3\\n6"`` for two values in one cell)."""
        return "\n".join(line.text for line in self.lines)

    # ``flat`` as last joined, with the list it was joined from: every stage reads a cell's flat text (ten times
    # a cell on the reference report), and a cell's lines are replaced (a new list), never edited in place
    # (``extract._clean_block``, the one place that rewrites line texts, forgets it)
    _flat: tuple[list[Line], int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def flat(self) -> str:
        """The cell's text on one line: lines joined with a space, except after a hyphen that breaks a word."""
        lines = self.lines
        known = self._flat
        if known is not None and known[0] is lines and known[1] == len(lines):
            return known[2]
        text = join_lines(lines)
        self._flat = (lines, len(lines), text)
        return text

    @property
    def bold(self) -> bool:
        return bool(self.lines) and all(line.bold for line in self.lines)


@dataclass
class GridTable:
    page: int
    bbox: tuple[float, float, float, float]
    xs: list[float]  # column boundaries, len = n_cols + 1
    ys: list[float]  # row boundaries, len = n_rows + 1
    cells: list[GridCell]
    open_top: bool = False  # no closing rule above the first row: a row that began on the page before
    open_bottom: bool = False  # no closing rule under the last row: a row cut by the page's bottom margin
    unplaced: bool = False  # the rest of a table left open on the page before, whose columns could not be told

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def rows(self) -> list[list[GridCell]]:
        """Cells grouped by the grid row they start in, left to right."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out

    def row_bbox(self, row: int, rowspan: int = 1) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[row], self.xs[-1], self.ys[min(row + rowspan, self.n_rows)])


@dataclass
class TextLine:
    page: int
    line: Line


@dataclass
class Block:
    """What stands on a page in reading order: a table or a line of running text."""

    page: int
    top: float
    table: GridTable | None = None
    text: TextLine | None = None
