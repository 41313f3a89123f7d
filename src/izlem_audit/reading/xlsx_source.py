"""An Excel draft (.xlsx) as blocks: every visible sheet in order, its tables and the text rows between them.

A sheet is cut at empty rows into groups. A group is a table when a row of it has two or more filled cells or a
cell of it has a border; otherwise its rows are running text (a title, a paragraph). Rows with one unbordered
cell at the top or bottom of a table group (a title typed right above the table) are running text too.
Merged ranges are merged cells. Numbers are printed as the sheet would print them in Turkish: the cell's number
format gives the decimals, the thousands separator and the percent sign (``39.400.000,00``, ``61,21``, ``%97``);
a number typed as text is read as the text it is. Formulas are read by their value as last calculated by Excel.
References: ``İzleme!F12`` for a cell, ``İzleme!12:12`` for a row.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .draft import DraftCell, DraftLayout

_LITERAL = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def format_number(value: float | int, number_format: str | None) -> str:
    """A number as a Turkish sheet prints it with ``number_format`` (``#,##0.00`` -> ``39.400.000,00``)."""
    fmt = (number_format or "General").split(";")[0]
    fmt = _LITERAL.sub("", fmt)
    percent = "%" in fmt
    x = float(value) * (100 if percent else 1)
    digits = fmt.replace("%", "")
    if fmt.strip().lower() in ("general", "") or not any(ch in digits for ch in "0#?"):
        if float(x).is_integer() and abs(x) < 1e15:
            s = str(int(x))
        else:
            s = f"{x:.10g}"
            if "e" in s:
                s = f"{x:.10f}".rstrip("0").rstrip(".")
        s = s.replace(".", ",")
    else:
        int_part, _, dec_part = digits.partition(".")
        decimals = sum(1 for ch in dec_part if ch in "0#?")
        optional = sum(1 for ch in dec_part if ch in "#?")
        grouped = "," in int_part.strip(",")
        s = f"{abs(x):,.{decimals}f}" if grouped else f"{abs(x):.{decimals}f}"
        if optional and "." in s:  # "0.0#": trailing optional digits are not printed
            keep = decimals - optional
            head, _, tail = s.partition(".")
            tail = tail[:keep] + tail[keep:].rstrip("0")
            s = head + ("." + tail if tail else "")
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        if x < 0 and any(ch in "123456789" for ch in s):
            s = "-" + s
    return ("%" + s) if percent else s


def _text(cell) -> str:
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "DOĞRU" if v else "YANLIŞ"
    if isinstance(v, (int, float)):
        return format_number(v, cell.number_format)
    if isinstance(v, dt.datetime):
        return v.strftime("%d.%m.%Y") if (v.hour, v.minute) == (0, 0) else v.strftime("%d.%m.%Y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d.%m.%Y")
    return str(v)


def _has_border(cell) -> bool:
    b = cell.border
    return b is not None and any(getattr(getattr(b, side), "style", None) for side in ("left", "right", "top", "bottom"))


def _quote(name: str) -> str:
    return name if re.fullmatch(r"[\w.]+", name) else "'" + name.replace("'", "''") + "'"


def _sheet(layout: DraftLayout, ws) -> None:
    from openpyxl.utils import get_column_letter

    name = _quote(ws.title)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    # per row: the anchor cells that hold text or a border
    rows: dict[int, list[tuple[int, str, bool, bool]]] = {}  # row -> (col, text, bold, border)
    for row in ws.iter_rows():
        for cell in row:
            if (cell.row, cell.column) in covered:
                continue
            text, border = _text(cell).strip("\n"), _has_border(cell)
            if text.strip() or border:
                bold = bool(cell.font and cell.font.b)
                rows.setdefault(cell.row, []).append((cell.column, text, bold, border))
    # rows that a merged cell from above reaches into belong to the same group
    reach: dict[int, int] = {}
    for (r, _c), (rs, _cs) in spans.items():
        if r in rows:
            for k in range(r, r + rs):
                reach[k] = r
    occupied = sorted(set(rows) | set(reach))
    groups: list[list[int]] = []
    for r in occupied:
        if groups and r == groups[-1][-1] + 1:
            groups[-1].append(r)
        else:
            groups.append([r])

    def is_text_row(r: int) -> bool:
        cells = rows.get(r, [])
        filled = [c for c in cells if c[1].strip()]
        return len(filled) == 1 and not any(c[3] for c in cells) and spans.get((r, filled[0][0]), (1, 1))[0] == 1

    for g in groups:
        start, end = 0, len(g)
        while start < end and is_text_row(g[start]):
            start += 1
        while end > start and is_text_row(g[end - 1]):
            end -= 1
        for r in g[:start]:
            col, text, bold, _ = next(c for c in rows[r] if c[1].strip())
            for line in text.split("\n"):
                layout.text(line, f"{name}!{get_column_letter(col)}{r}", bold)
        body = g[start:end]
        if body:
            _table(layout, ws, name, body, rows, spans)
        for r in g[end:]:
            col, text, bold, _ = next(c for c in rows[r] if c[1].strip())
            for line in text.split("\n"):
                layout.text(line, f"{name}!{get_column_letter(col)}{r}", bold)


def _table(layout: DraftLayout, ws, name: str, body: list[int], rows, spans) -> None:
    from openpyxl.utils import get_column_letter

    r0 = body[0]
    anchors = [(r, c) for r in body for c in rows.get(r, [])]
    c0 = min(c[0] for _, c in anchors)
    c1 = max(c[0] + spans.get((r, c[0]), (1, 1))[1] - 1 for r, c in anchors)
    widths = []
    for col in range(c0, c1 + 1):
        dim = ws.column_dimensions.get(get_column_letter(col))
        chars = dim.width if dim is not None and dim.width else 8.43
        widths.append(chars * 5.25)  # points per character of the default font
    taken: set[tuple[int, int]] = set()
    cells: list[DraftCell] = []
    by_pos = {(r, c[0]): c for r, c in anchors}
    for r in body:
        for col in range(c0, c1 + 1):
            if (r, col) in taken:
                continue
            rs, cs = spans.get((r, col), (1, 1))
            rs = min(rs, body[-1] - r + 1)
            for a in range(rs):
                for b in range(cs):
                    taken.add((r + a, col + b))
            anchor = by_pos.get((r, col))
            text, bold = (anchor[1], anchor[2]) if anchor else ("", False)
            lines = [ln for ln in text.split("\n")] if text.strip() else []
            cells.append(DraftCell(r - r0, col - c0, lines, rs, min(cs, c1 - col + 1), bold,
                                   f"{name}!{get_column_letter(col)}{r}"))
    layout.table(widths, cells, [f"{name}!{r}:{r}" for r in body], f"{name}!{body[0]}:{body[-1]}")


def read_xlsx(path: Path) -> DraftLayout:
    from openpyxl import load_workbook

    wb = load_workbook(str(path), data_only=True)
    layout = DraftLayout()
    page = 0
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            page += 1
            layout.new_page(page)
            _sheet(layout, ws)
    finally:
        wb.close()
    return layout
