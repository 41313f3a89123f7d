"""Bordered tables from ruling segments: the lattice method, written for Word-style tables.

1. Segments are snapped (collinear ones within ``SNAP`` points share one coordinate) and joined (pieces that
   touch or nearly touch become one).
2. Horizontal and vertical segments that cross form connected groups; each group with at least two of each
   is a table.
3. The table's distinct x and y coordinates give a grid of elementary cells. Two neighbouring elementary
   cells belong to one merged cell when no ruling line separates them; merged cells keep their row and column
   spans (a gösterge's name cell spanning its month sub-rows).
4. Each character goes to the cell under its centre; the characters of a cell are grouped into lines.

Only coordinates are used, never the producer's drawing order, so Word, LibreOffice and reportlab output
read the same.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from operator import attrgetter

from .page import Char, GridCell, GridTable, Line, PageContent, Segment

SNAP = 1.5  # points: collinear segments closer than this are the same line
JOIN = 2.5  # points: gaps shorter than this inside a line are closed
MIN_LEN = 2.0  # points: shorter strokes are not ruling lines
TOUCH = 2.0  # points: how far a segment may fall short of another and still cross it
OPEN = 3.0  # points: vertical lines going on this far past the last horizontal one leave the table open there


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, a: int) -> int:
        p = self.p
        while p[a] != a:
            p[a] = p[p[a]]
            a = p[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted representative coordinates: runs of values closer than ``tol`` collapse to their mean."""
    out: list[float] = []
    run: list[float] = []
    for v in sorted(values):
        if run and v - run[-1] > tol:
            out.append(sum(run) / len(run))
            run = []
        run.append(v)
    if run:
        out.append(sum(run) / len(run))
    return out


def _snap_to(value: float, reps: list[float]) -> float:
    """The representative nearest ``value`` (the lower one of two as near)."""
    i = bisect.bisect_left(reps, value)
    if i == 0:
        return reps[0]
    if i >= len(reps):
        return reps[-1]
    below, above = reps[i - 1], reps[i]
    return above if abs(above - value) < abs(below - value) else below


# A normalised line: (fixed coordinate, start, end)
_Line = tuple[float, float, float]


def _normalise(segments: list[Segment]) -> tuple[list[_Line], list[_Line]]:
    hs: list[_Line] = []
    vs: list[_Line] = []
    for s in segments:
        x0, top, x1, bottom = s.x0, s.top, s.x1, s.bottom
        w, h = x1 - x0, bottom - top
        if w >= h:  # Segment.horizontal
            if w >= MIN_LEN:
                hs.append(((top + bottom) / 2, x0, x1))
        elif h >= MIN_LEN:
            vs.append(((x0 + x1) / 2, top, bottom))
    return _join(hs), _join(vs)


def ruling(page: PageContent) -> tuple[list[_Line], list[_Line]]:
    """``_normalise`` of the page's segments, made once a page (kept on the page with the list it came from)."""
    known = page._ruling
    if known is not None and known[0] is page.segments and known[1] == len(page.segments):
        return known[2]
    lines = _normalise(page.segments)
    page._ruling = (page.segments, len(page.segments), lines)
    return lines


def _join(lines: list[_Line]) -> list[_Line]:
    if not lines:
        return []
    reps = _cluster([l[0] for l in lines], SNAP)
    by_pos: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for pos, a, b in lines:
        by_pos[_snap_to(pos, reps)].append((a, b))
    out: list[_Line] = []
    for pos, spans in by_pos.items():
        spans.sort()
        cur_a, cur_b = spans[0]
        for a, b in spans[1:]:
            if a <= cur_b + JOIN:
                cur_b = max(cur_b, b)
            else:
                out.append((pos, cur_a, cur_b))
                cur_a, cur_b = a, b
        out.append((pos, cur_a, cur_b))
    return out


def _crosses(h: _Line, v: _Line) -> bool:
    y, hx0, hx1 = h
    x, vy0, vy1 = v
    return hx0 - TOUCH <= x <= hx1 + TOUCH and vy0 - TOUCH <= y <= vy1 + TOUCH


def _groups(hs: list[_Line], vs: list[_Line]) -> list[tuple[list[_Line], list[_Line]]]:
    n = len(hs)
    uf = _UF(n + len(vs))
    vs_sorted = sorted(range(len(vs)), key=lambda j: vs[j][0])
    v_x = [vs[j][0] for j in vs_sorted]
    for i, h in enumerate(hs):
        lo = bisect.bisect_left(v_x, h[1] - TOUCH)
        hi = bisect.bisect_right(v_x, h[2] + TOUCH)
        for k in range(lo, hi):
            j = vs_sorted[k]
            if _crosses(h, vs[j]):
                uf.union(i, n + j)
    comp: dict[int, tuple[list[_Line], list[_Line]]] = defaultdict(lambda: ([], []))
    for i, h in enumerate(hs):
        comp[uf.find(i)][0].append(h)
    for j, v in enumerate(vs):
        comp[uf.find(n + j)][1].append(v)
    return [g for g in comp.values() if (len(g[0]) >= 2 and len(g[1]) >= 2) or _open_piece(*g)]


def _open_piece(hs: list[_Line], vs: list[_Line]) -> bool:
    """One horizontal rule crossed by three or more vertical ones that go on past it on one side: the piece of
    a table row cut by a page break, whose other side is the page's margin (no rule is drawn there)."""
    if len(hs) != 1 or len(vs) < 3:
        return False
    y = hs[0][0]
    return all(v[1] < y - OPEN for v in vs) or all(v[2] > y + OPEN for v in vs)


def _covered(lines: list[_Line], a: float, b: float) -> bool:
    """Whether the union of ``lines`` (all on one coordinate) covers the middle of [a, b]."""
    mid = (a + b) / 2
    span = (b - a) * 0.3
    lo, hi = mid - span + TOUCH, mid + span - TOUCH
    for _, s, e in lines:
        if s <= lo and e >= hi:
            return True
    return False


def _grid(hs: list[_Line], vs: list[_Line], page: int) -> GridTable | None:
    xs = _cluster([v[0] for v in vs], SNAP)
    ys = _cluster([h[0] for h in hs], SNAP)
    if len(xs) < 2 or not ys:
        return None
    # A table cut by the page's bottom margin (a row broken across pages, as browsers and Word print it) has
    # no closing rule: its vertical lines go on below the last horizontal one. The cut is the row's bottom, so
    # its text stays inside the table; the table is marked open there (and likewise at the top of the page
    # where the row goes on).
    v_top, v_bottom = min(v[1] for v in vs), max(v[2] for v in vs)
    open_top = ys[0] - v_top > OPEN
    open_bottom = v_bottom - ys[-1] > OPEN
    if open_top:
        ys.insert(0, v_top)
    if open_bottom:
        ys.append(v_bottom)
    if len(ys) < 2:
        return None
    v_at: dict[int, list[_Line]] = defaultdict(list)
    for v in vs:
        v_at[xs.index(_snap_to(v[0], xs))].append(v)
    h_at: dict[int, list[_Line]] = defaultdict(list)
    for h in hs:
        h_at[ys.index(_snap_to(h[0], ys))].append(h)
    nr, nc = len(ys) - 1, len(xs) - 1
    # An elementary cell exists where lines enclose it on at least its top-left corner's sides; cells of a
    # region no line reaches (outside an irregular table) are dropped.
    uf = _UF(nr * nc)
    for i in range(nr):
        for j in range(nc):
            if j + 1 < nc and not _covered(v_at[j + 1], ys[i], ys[i + 1]):
                uf.union(i * nc + j, i * nc + j + 1)
            if i + 1 < nr and not _covered(h_at[i + 1], xs[j], xs[j + 1]):
                uf.union(i * nc + j, (i + 1) * nc + j)
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i in range(nr):
        for j in range(nc):
            members[uf.find(i * nc + j)].append((i, j))
    cells: list[GridCell] = []
    for mem in members.values():
        r0 = min(m[0] for m in mem)
        r1 = max(m[0] for m in mem)
        c0 = min(m[1] for m in mem)
        c1 = max(m[1] for m in mem)
        # A region with no enclosing lines at all (e.g. the notch of an irregular table) is not a cell.
        left = _covered(v_at[c0], ys[r0], ys[r1 + 1])
        top = _covered(h_at[r0], xs[c0], xs[c1 + 1])
        if not (left or top):
            continue
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda c: (c.row, c.col))
    return GridTable(page, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells, open_top=open_top,
                     open_bottom=open_bottom)


def _line_key(c: Char) -> tuple[float, float]:
    return (c.top + c.bottom, c.x0)


_x0 = attrgetter("x0")


def group_lines(chars: list[Char]) -> list[Line]:
    """Group characters into lines of text, top to bottom, each left to right, with word spaces restored.

    A character joins the current line when its vertical centre lies within half a line height of the line's
    first character; a gap wider than a fifth of the font size between two glyphs is a word space.
    (Every character of a page passes here once: the loops read each attribute once and keep no generator.)
    """
    if not chars:
        return []
    rows: list[list[Char]] = []
    cur: list[Char] = []
    ref = tol = 0.0
    for ch in sorted(chars, key=_line_key):
        top, bottom = ch.top, ch.bottom
        cy = (top + bottom) * 0.5
        if cur and abs(cy - ref) <= tol:
            cur.append(ch)
            continue
        if ch.text.isspace():
            continue  # a space does not start a line
        if cur:
            rows.append(cur)
        cur = [ch]
        ref = cy
        h = bottom - top
        tol = (1.0 if 1.0 > h else h) * 0.5
    if cur:
        rows.append(cur)
    out: list[Line] = []
    for row in rows:
        row.sort(key=_x0)
        parts: list[str] = []
        prev: Char | None = None
        prev_space = True
        bx0 = btop = bx1 = bbot = 0.0
        bold = True
        seen = False  # a visible (non-space) character was met: the bbox holds
        for ch in row:
            t = ch.text
            space = t.isspace()
            if not space:
                x0 = ch.x0
                if not prev_space:
                    size = prev.size if prev.size > ch.size else ch.size  # type: ignore[union-attr]
                    if x0 - prev.x1 > (size if size > 4.0 else 4.0) * 0.2:  # type: ignore[union-attr]
                        parts.append(" ")
                if seen:
                    if x0 < bx0:
                        bx0 = x0
                    if ch.top < btop:
                        btop = ch.top
                    if ch.x1 > bx1:
                        bx1 = ch.x1
                    if ch.bottom > bbot:
                        bbot = ch.bottom
                else:
                    bx0, btop, bx1, bbot, seen = x0, ch.top, ch.x1, ch.bottom, True
                if not ch.bold:
                    bold = False
            parts.append(t)
            prev, prev_space = ch, space
        text = " ".join("".join(parts).split())
        if not text:
            continue
        # "Güzeltepe-" ends a line inside a word; "amaçları -" is a dash between words
        hyphen_break = text.endswith("-") and not text.endswith(" -") and len(text) > 1 and not prev_space
        # the box in floats of its own (``* 1.0`` makes a new float of the same value): the report model keeps
        # line boxes as evidence, and a kept float that is a character's own would pin, page after page, a slot
        # in the allocator pools that the next page's thousands of character floats reuse; scattered over those
        # pools the next pages' characters lose their memory locality (on a 360-page report reading characters
        # got 60 % slower towards the end; with the copies it stays linear)
        out.append(Line(text, (bx0 * 1.0, btop * 1.0, bx1 * 1.0, bbot * 1.0), bold, hyphen_break))
    return out


def find_grids(page: PageContent) -> list[GridTable]:
    """The bordered tables of a page, as empty grids, top to bottom."""
    hs, vs = ruling(page)
    tables: list[GridTable] = []
    for g_hs, g_vs in _groups(hs, vs):
        t = _grid(g_hs, g_vs, page.number)
        if t is not None and t.cells:
            tables.append(t)
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables


def fill_cells(tables: list[GridTable], chars: list[Char]) -> list[Char]:
    """Put each character into the cell under its centre; return the characters outside every table."""
    outside: list[Char] = []
    boxes = [(*t.bbox, ti) for ti, t in enumerate(tables)]
    # per table: its boundaries, last row and column, the cell owning each (row, col), row by row, and the
    # characters of each cell
    grids = []
    for t in tables:
        owner: list[list[int | None]] = [[None] * t.n_cols for _ in range(t.n_rows)]
        for ci, c in enumerate(t.cells):
            for i in range(c.row, c.row + c.rowspan):
                row = owner[i]
                for j in range(c.col, c.col + c.colspan):
                    row[j] = ci
        grids.append((t.ys, t.xs, t.n_rows - 1, t.n_cols - 1, owner, [[] for _ in t.cells]))
    bisect_right = bisect.bisect_right
    for ch in chars:
        cx = (ch.x0 + ch.x1) * 0.5
        cy = (ch.top + ch.bottom) * 0.5
        for x0, y0, x1, y1, ti in boxes:
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                ys, xs, last_row, last_col, owner, per_cell = grids[ti]
                i = bisect_right(ys, cy) - 1
                i = 0 if i < 0 else (last_row if i > last_row else i)
                j = bisect_right(xs, cx) - 1
                j = 0 if j < 0 else (last_col if j > last_col else j)
                ci = owner[i][j]
                if ci is not None:
                    per_cell[ci].append(ch)
                else:
                    outside.append(ch)
                break
        else:
            outside.append(ch)
    for t, grid in zip(tables, grids):
        for cell, cell_chars in zip(t.cells, grid[5]):
            if cell_chars:
                cell.lines = group_lines(cell_chars)
    return outside


def build_tables(page: PageContent) -> tuple[list[GridTable], list[Char]]:
    """Find the bordered tables of a page and fill their cells; return them and the characters outside them."""
    tables = find_grids(page)
    return tables, fill_cells(tables, page.chars)


def grid_from_spans(page: int, xs: list[float], ys: list[float], merge_right, merge_down) -> GridTable:
    """A grid from boundaries and merge predicates (for table finders that report cells, e.g. camelot)."""
    nr, nc = len(ys) - 1, len(xs) - 1
    uf = _UF(nr * nc)
    for i in range(nr):
        for j in range(nc):
            if j + 1 < nc and merge_right(i, j):
                uf.union(i * nc + j, i * nc + j + 1)
            if i + 1 < nr and merge_down(i, j):
                uf.union(i * nc + j, (i + 1) * nc + j)
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i in range(nr):
        for j in range(nc):
            members[uf.find(i * nc + j)].append((i, j))
    cells = []
    for mem in members.values():
        r0, r1 = min(m[0] for m in mem), max(m[0] for m in mem)
        c0, c1 = min(m[1] for m in mem), max(m[1] for m in mem)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda c: (c.row, c.col))
    return GridTable(page, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)
