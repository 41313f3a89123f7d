"""Column maps: which field each column of a gösterge or faaliyet table holds.

A header may take one or two rows ("2024" spanning Hedef / Ay / Gerçekleşme). The map is a list of x-ranges,
one per grid column, each with the field of its most specific header cell. A data cell is assigned to the
column its centre falls in, so a table continued on the next page (a new grid, header repeated or not) is read
with the same map as long as its columns stand where they stood.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalising.headers import FAALIYET_COLUMNS, GOSTERGE_COLUMNS, match_column
from ..reading.page import GridCell

KINDS = {"gosterge": GOSTERGE_COLUMNS, "faaliyet": FAALIYET_COLUMNS}


@dataclass
class Column:
    x0: float
    x1: float
    field: str | None
    label: str = ""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class ColumnMap:
    kind: str  # "gosterge" or "faaliyet"
    columns: list[Column]
    repaired: list[str] = field(default_factory=list)  # fields placed by position because the header lacks them

    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field}

    def field_of(self, cell: GridCell) -> str | None:
        x0, _, x1, _ = cell.bbox
        for c in self.columns:
            if x0 - 0.5 <= c.cx <= x1 + 0.5:
                return c.field
        # a cell standing where no header column is (shifted table): nearest column by centre
        cx = (x0 + x1) / 2
        best = min(self.columns, key=lambda c: abs(c.cx - cx), default=None)
        return best.field if best and abs(best.cx - cx) < (x1 - x0) else None


def classify_header(cells: list[GridCell]) -> tuple[str | None, int]:
    """Whether a row of cells is a gösterge or faaliyet table header; returns (kind, matched labels)."""
    texts = [c.flat for c in cells if c.flat]
    if len(texts) < 3:
        return None, 0
    best: tuple[str | None, int] = (None, 0)
    for kind, vocab in KINDS.items():
        matched = [match_column(t, vocab)[0] for t in texts]
        fields = {m for m in matched if m}
        n = sum(1 for m in matched if m)
        if n >= 3 and n >= len(texts) * 0.6 and ({"code", "name"} & fields) and n > best[1]:
            if kind == "faaliyet" and not any("faaliyet" in t.lower() for t in texts):
                continue
            if kind == "gosterge" and any("faaliyet" in t.lower() for t in texts):
                continue
            best = (kind, n)
    return best


def is_subheader(cells: list[GridCell], kind: str) -> bool:
    """A second header row: every non-empty cell a known label, none a number or a code."""
    texts = [c.flat for c in cells if c.flat]
    if not texts:
        return False
    vocab = KINDS[kind]
    return all(match_column(t, vocab)[0] for t in texts)


def build_map(kind: str, header_rows: list[list[GridCell]], xs: list[float]) -> ColumnMap:
    """One column per grid column, labelled by the lowest header cell that covers it."""
    vocab = KINDS[kind]
    cols = [Column(xs[j], xs[j + 1], None) for j in range(len(xs) - 1)]
    for row in header_rows:  # later (lower) rows override: they are the more specific labels
        for cell in row:
            if not cell.flat:
                continue  # an empty header cell says nothing about its column
            f, _ = match_column(cell.flat, vocab)
            for j in range(cell.col, min(cell.col + cell.colspan, len(cols))):
                if f or cell.colspan == 1:
                    cols[j].field = f
                    cols[j].label = cell.flat
    # Neighbouring grid columns with one field and one header cell are one logical column.
    merged: list[Column] = []
    for c in cols:
        if merged and c.field and merged[-1].field == c.field and merged[-1].label == c.label:
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
