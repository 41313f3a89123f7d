"""Column maps: which field each column of a gösterge or faaliyet table holds.

A header is a stack of rows of labelled x-ranges. It may take one or two rows ("2024" spanning Hedef / Ay /
Gerçekleşme), and a row broken by a page break leaves fragments of its labels at the top of the next page
("Sır" / "a No", "Gerçekl" / "eşme Oranı %"): a fragment is appended to the label above it, a label that is
complete on its own (``Hedef (TL)``) is a more specific label for its columns. Each column takes the field of
its lowest label that names one. Data cells are assigned by x position, so a table continued on the next page
(a new grid, its header repeated or not) is read with the same map as long as its columns stand where they
stood.

A table continued on another page without its header may stand elsewhere on that page (mirrored odd/even
margins, a gutter, a page scaled differently): its cells are placed by their x relative to its own left and
right edges (``frame_between``: the scale and shift that put its edges on the header table's), provided its
column boundaries then fall on the header table's; ``ColumnMap.frame`` holds that placing while its rows are
read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalising.headers import FAALIYET_COLUMNS, GOSTERGE_COLUMNS, match_column, match_period, match_prefix
from ..normalising.numbers import parse_number
from ..reading.page import GridCell

KINDS = {"gosterge": GOSTERGE_COLUMNS, "faaliyet": FAALIYET_COLUMNS}
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass
class HeadCell:
    x0: float
    x1: float
    text: str

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Column:
    """One column of a header: its x-range, the field it holds and, for a period column (``3 Aylık``,
    ``I. Dönem`` over or under it), the month its period ends in: the header's (field, period) pair."""

    x0: float
    x1: float
    field: str | None
    label: str = ""
    period: int | None = None
    period_label: str = ""  # the header cell that named the period

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


Frame = tuple[float, float]  # (scale, shift): x on a continued table's page -> x under the header
SAME = (1.0, 0.0)
EDGE_TOL = 2.0  # points: a column boundary falls on another within this


@dataclass
class ColumnMap:
    kind: str  # "gosterge" or "faaliyet"
    columns: list[Column]
    repaired: list[str] = field(default_factory=list)  # fields placed by position because the header lacks them
    frame: Frame = SAME  # where the table whose rows are being read stands relative to the header's table

    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field}

    def column_of(self, cell: GridCell) -> Column | None:
        """The column a cell stands in: the first whose middle lies within the cell (placed by ``frame``)."""
        scale, dx = self.frame
        x0, x1 = cell.bbox[0] * scale + dx, cell.bbox[2] * scale + dx
        for c in self.columns:
            if x0 - 0.5 <= c.cx <= x1 + 0.5:
                return c
        return None

    def field_of(self, cell: GridCell) -> str | None:
        c = self.column_of(cell)
        return c.field if c is not None else None

    def first_of(self, fld: str) -> Column | None:
        """The first column holding a field (the one a reader without period columns reads)."""
        return next((c for c in self.columns if c.field == fld), None)


def frame_between(ref: list[float], xs: list[float]) -> Frame | None:
    """How a table continued without its header (column boundaries ``xs``) stands relative to the table whose
    header it goes on with (``ref``): SAME where its edges are where the header's were, or where every boundary
    of it is one of the header's (a piece holding the right-hand columns only, the cells on its left merged from
    above); else a shift that puts its right edge (as wide: both edges) on the header table's, or, with as many
    columns, the scale and shift that put both edges there (a page printed at another scale). The first under
    which every boundary of it falls on one of the header table's (within EDGE_TOL, or a quarter of the narrower
    column beside that one: a table without vertical rules puts its boundaries in the middle of gaps that differ
    from page to page) is taken; None when none does: its columns cannot be told."""
    if len(xs) < 2 or len(ref) < 2:
        return None
    if abs(xs[0] - ref[0]) <= EDGE_TOL and abs(xs[-1] - ref[-1]) <= EDGE_TOL:
        return SAME

    def falls_on(x: float) -> bool:
        k = min(range(len(ref)), key=lambda i: abs(ref[i] - x))
        beside = min(ref[i + 1] - ref[i] for i in (k - 1, k) if 0 <= i < len(ref) - 1)
        return abs(ref[k] - x) <= max(EDGE_TOL, beside / 4)

    width, ref_width = xs[-1] - xs[0], ref[-1] - ref[0]
    candidates = [SAME, (1.0, ref[-1] - xs[-1])]  # where it stood; its right edge on the header table's
    if abs(width - ref_width) <= EDGE_TOL:
        candidates.append((1.0, ref[0] - xs[0]))
    elif width > 0 and len(xs) == len(ref) and 0.5 <= ref_width / width <= 2.0:
        # as many columns, another width: the page printed at another scale
        scale = ref_width / width
        candidates.append((scale, ref[0] - xs[0] * scale))
    for scale, dx in candidates:
        if all(falls_on(x * scale + dx) for x in xs):
            return (scale, dx)
    return None


def head_row(cells: list[GridCell]) -> list[HeadCell]:
    return [HeadCell(c.bbox[0], c.bbox[2], c.flat) for c in cells]


def looks_like_header(cells: list[GridCell]) -> bool:
    """No codes and no figures: only labels, fragments of labels, a year, or nothing."""
    for c in cells:
        t = c.flat
        if not t:
            continue
        if _YEAR.match(t):
            continue
        if parse_number(t) is not None or re.match(r"^\s*(PG|F)\s*\d", t):
            return False
    return True


def classify_header(cells: list[GridCell]) -> tuple[str | None, int]:
    """Whether a row is a gösterge or faaliyet table header; returns (kind, labels recognised).

    Labels cut short by a page break count when they are the start of a known label.
    """
    texts = [c.flat for c in cells if c.flat]
    if len(texts) < 3 or not looks_like_header(cells):
        return None, 0
    best: tuple[str | None, int] = (None, 0)
    lowered = " ".join(texts).lower()
    for kind, vocab in KINDS.items():
        fields = [match_column(t, vocab)[0] or match_prefix(t, vocab) for t in texts]
        n = sum(1 for f in fields if f)
        if n < 3 or n < len(texts) * 0.6 or not ({"code", "name"} & set(fields)):
            continue
        if (kind == "faaliyet") != ("faaliyet" in lowered.replace("ı", "i")):
            continue
        if n > best[1]:
            best = (kind, n)
    return best


def merge_header_row(stack: list[list[HeadCell]], cells: list[GridCell], kind: str, cut: bool = False) -> bool:
    """Add a header row to the stack: complete labels as a new row, fragments appended to the label above.

    Returns False, changing nothing, when a cell is neither a label nor the rest of the label above it (the
    text of a data row, for instance). ``cut``: the row is the last of its page, so its labels may be cut short.
    """
    vocab = KINDS[kind]
    new_row: list[HeadCell] = []
    appends: list[tuple[HeadCell, str]] = []
    for c in cells:
        t = c.flat
        if not t:
            continue
        cx = (c.bbox[0] + c.bbox[2]) / 2
        above = None
        for row in reversed(stack):
            above = next((h for h in row if h.x0 - 0.5 <= cx <= h.x1 + 0.5), None)
            if above is not None:
                break
        if match_column(t, vocab)[0] or match_period(t) or (cut and match_prefix(t, vocab, min_len=1)):
            new_row.append(HeadCell(c.bbox[0], c.bbox[2], t))
        elif above is not None and above.text and (
                match_column(f"{above.text} {t}", vocab)[0] or match_prefix(f"{above.text} {t}", vocab)):
            appends.append((above, t))
        else:
            return False
    for above, t in appends:
        above.text = f"{above.text} {t}"
    stack.append(new_row)
    return True


def build_map(kind: str, stack: list[list[HeadCell]]) -> ColumnMap:
    """One column per x-slice of the header, labelled by its lowest label that names a field."""
    vocab = KINDS[kind]
    edges = sorted({round(h.x0, 1) for row in stack for h in row} | {round(h.x1, 1) for row in stack for h in row})
    xs: list[float] = []
    for e in edges:
        if not xs or e - xs[-1] > 2.0:
            xs.append(e)
    cols: list[Column] = []
    for a, b in zip(xs, xs[1:]):
        mid = (a + b) / 2
        label, fld, period, plabel = "", None, None, ""
        for row in stack:
            for h in row:
                if h.x0 - 0.5 <= mid <= h.x1 + 0.5 and h.text:
                    f = match_column(h.text, vocab)[0]
                    if f or not fld:
                        label, fld = h.text, f
                    if match_period(h.text):
                        period, plabel = match_period(h.text), h.text
        cols.append(Column(a, b, fld, label, period, plabel))
    merged: list[Column] = []
    for c in cols:
        if merged and c.field and merged[-1].field == c.field and merged[-1].label == c.label \
                and merged[-1].period == c.period:
            merged[-1].x1 = c.x1
        else:
            merged.append(c)
    return ColumnMap(kind, merged)


def repair_missing_actual(cmap: ColumnMap) -> bool:
    """A gösterge header lacking the "Gerçekleşme" column (its labels shifted one to the left): put actual,
    rate and note by position in the columns after the month column. True when repaired."""
    if cmap.kind != "gosterge" or "actual" in cmap.fields() or "month" not in cmap.fields():
        return False
    idx = next(i for i, c in enumerate(cmap.columns) if c.field == "month")
    after = cmap.columns[idx + 1:]
    order = ["actual", "rate", "note"]
    if len(after) != len(order):
        return False
    for c, f in zip(after, order):
        c.field = f
    cmap.repaired.append("actual")
    return True
