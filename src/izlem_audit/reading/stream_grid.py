"""Tables without vertical rules: the grid from text alignment ("stream" reading, as pdfplumber's text strategy).

Excel exports and many Word table styles draw a table with horizontal rules only — one under the header and
one under the last row (sometimes one under every row). The lattice method (``grid.py``) finds no grid there.
Here a family of two or more long horizontal rules with the same left and right ends, outside every ruled table,
bounds a table:

* the header is the block of text lines right above the first rule (lines of one header cell wrap with small
  gaps; a larger gap ends the header);
* the rows lie between the first and the last rule; a rule in between is a row boundary. Without such rules a
  row starts at a line with text in the first column or after a gap wider than a wrapped line's (text that wraps
  inside a cell continues its row);
* the columns are the x-gaps that no word of the header or the rows crosses: what stays empty in every line of
  the table is between two columns.

The result is an ordinary ``GridTable`` (filled by ``grid.fill_cells``), so everything after reading is the same.

A table broken across pages with its header not repeated leaves two pieces no rule pair bounds:

* at the foot of the page, a header and its rule with rows under it down to the page's last lines and no
  closing rule: a table ``open_bottom``, its rows ending with its last line of text;
* at the top of the next page, rows under no header, ending at the table's last rule (a rule with figures above
  it, not a header): read with the columns of the piece before (``StreamCarry``, handed from page to page by the
  caller), ``open_top``, provided every line of it keeps within those columns (running text does not);
* a table over three pages or more has pages in between with rows only, no header and no rule at all: the rows
  from the top of such a page down to its foot are read with the same columns, ``open_top`` and ``open_bottom``,
  and the columns go on to the next page.

The columns go over by the table's own left edge, not by the page's x: a page printed with other margins
(mirrored odd/even margins, a gutter) shows the same table further left or right. Where the rest ends at a rule
of the table's width, that rule gives the shift; on a page with no rule, the shift is the one that puts the rows'
text where it stood in the columns on the page before (cell texts start, or end, at the same place in their
columns: ``StreamCarry.edges``), and every line must then keep within the shifted columns.

The assembler then reads the continued rows with the column map of the header on the page before, as it reads
any table continued without its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .grid import fill_cells, grid_from_spans, group_lines, ruling
from .page import Char, GridTable, PageContent

MIN_RULE = 120.0  # points: a rule shorter than this is an underline, not a table rule
SAME_END = 3.0  # points: rules of one table start and end within this of each other
MIN_GAP = 4.0  # points: narrower empty x-ranges are word spaces, not column gaps
NARROW_GAP = 0.8  # points: a spreadsheet's columns, padded by a fraction of a point, are at least this apart
_YEAR = re.compile(r"^(19|20)\d\d$")
MAX_RULES = 150  # a page cannot hold more table rows than this; more free rules are a pattern, not tables


@dataclass
class StreamCarry:
    """A table without vertical rules left open at the foot of a page: its columns, for its rest on the next page.

    One per document, handed to ``stream_tables`` page after page in order (``layout.page_blocks``)."""

    page: int | None = None  # the page whose table was left open
    xs: list[float] | None = None
    # where the text of its cells starts and ends, from the table's left edge (rounded to half points): what
    # places the rest on a page with no rule to show where the table stands
    edges: tuple[frozenset[float], frozenset[float]] = (frozenset(), frozenset())
    char_h: float = 0.0  # the median height of its characters: a page printed at another scale shows it so
    header: list[_Word] | None = None  # the header's words, when the page held only the header (no row yet)
    # the lines seen so far in the pages' top and bottom margins: (text with its digits as #, y rounded), to
    # know a running header or footer when it comes again (``furniture``)
    margin_lines: set[tuple[str, int]] = field(default_factory=set)

    def matches(self, page: int, x0: float, x1: float, scale: float = 1.0) -> bool:
        """Whether a rule from ``x0`` to ``x1`` on ``page`` can be the table's: the next page, the same width
        (wherever the page's margins put it), or the width at the page's scale (``scale``: its characters'
        heights against the table's, when they differ)."""
        if self.page != page - 1 or self.xs is None:
            return False
        width = self.xs[-1] - self.xs[0]
        return abs(width - (x1 - x0)) <= SAME_END or (scale != 1.0 and abs((x1 - x0) / width - scale) <= SCALE_TOL)

    def placed(self, x0: float, scale: float = 1.0) -> list[float]:
        """Its column boundaries with its left edge at ``x0``, at ``scale``."""
        assert self.xs is not None
        return [x0 + (x - self.xs[0]) * scale for x in self.xs]

    def take(self, page: int, table: GridTable | None, chars: list[Char] = ()) -> None:
        """The table left open at the foot of ``page`` (None: nothing left open); ``chars``: the page's."""
        if table is None:
            self.page, self.xs, self.edges, self.char_h = None, None, (frozenset(), frozenset()), 0.0
            self.header = None
            return
        x0 = table.xs[0]
        starts = frozenset(_half(ln.bbox[0] - x0) for c in table.cells for ln in c.lines)
        ends = frozenset(_half(ln.bbox[2] - x0) for c in table.cells for ln in c.lines)
        inside = [c for c in chars if table.bbox[0] <= (c.x0 + c.x1) / 2 <= table.bbox[2]
                  and table.bbox[1] <= (c.top + c.bottom) / 2 <= table.bbox[3]]
        self.page, self.xs, self.edges, self.char_h = page, list(table.xs), (starts, ends), _char_h(inside)

    def scale_on(self, chars: list[Char]) -> float:
        """The scale a page is printed at against the table's page, from its characters' heights (1.0 when they
        are within SCALE_TOL of each other, or not known)."""
        h = _char_h(chars)
        if not (self.char_h and h) or abs(h / self.char_h - 1.0) <= SCALE_TOL:
            return 1.0
        return h / self.char_h


SCALE_TOL = 0.02  # a page's scale within 2 % of another's is the same scale


def _char_h(chars) -> float:
    hs = sorted(c.bottom - c.top for c in chars if not c.text.isspace())
    return hs[len(hs) // 2] if hs else 0.0


def _half(x: float) -> float:
    return round(x * 2) / 2


@dataclass
class _Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""


def _words(chars: list[Char]) -> list[list[_Word]]:
    """Words per line (lines as ``group_lines`` makes them), top to bottom."""
    out: list[list[_Word]] = []
    for line_chars in _line_chars(chars):
        words: list[_Word] = []
        prev: Char | None = None
        for ch in sorted(line_chars, key=lambda c: c.x0):
            if ch.text.isspace():
                prev = None
                continue
            size = max(ch.size, prev.size if prev else 0.0, 4.0)
            if prev is not None and ch.x0 - prev.x1 <= size * 0.2 and words:
                w = words[-1]
                w.x1, w.top, w.bottom = max(w.x1, ch.x1), min(w.top, ch.top), max(w.bottom, ch.bottom)
                w.text += ch.text
            else:
                words.append(_Word(ch.x0, ch.x1, ch.top, ch.bottom, ch.text))
            prev = ch
        if words:
            out.append(words)
    return out


def _line_chars(chars: list[Char]) -> list[list[Char]]:
    ordered = sorted((c for c in chars if not c.text.isspace()), key=lambda c: (c.top + c.bottom, c.x0))
    rows: list[list[Char]] = []
    ref = tol = 0.0
    for ch in ordered:
        cy = (ch.top + ch.bottom) / 2
        if rows and abs(cy - ref) <= tol:
            rows[-1].append(ch)
            continue
        rows.append([ch])
        ref, tol = cy, max(ch.bottom - ch.top, 1.0) * 0.5
    return rows


def _holds_figure(chars: list[Char]) -> bool:
    """Whether text holds a figure: a token with a digit other than a year standing alone (a header may print
    the year its columns are of, ``2024`` over ``Hedef | Ay | Gerçekleşme``; a header holds no figure)."""
    for line_chars in _line_chars(chars):
        token = ""
        prev: Char | None = None
        for ch in [*sorted(line_chars, key=lambda c: c.x0), None]:
            gap = ch is None or ch.text.isspace() or (prev is not None and ch.x0 - prev.x1 > max(ch.size, 4.0) * 0.2)
            if gap:
                if any(t.isdigit() for t in token) and not _YEAR.match(token):
                    return True
                token = ""
            if ch is not None and not ch.text.isspace():
                token += ch.text
            prev = ch
    return False


def _families(hs, tables: list[GridTable]) -> list[list[tuple[float, float, float]]]:
    """Long horizontal rules outside the ruled tables, grouped by their common ends, each top to bottom."""
    free = []
    for y, a, b in hs:
        if b - a < MIN_RULE:
            continue
        inside = any(t.bbox[1] - 1 <= y <= t.bbox[3] + 1 and a < t.bbox[2] and b > t.bbox[0] for t in tables)
        if not inside:
            free.append((y, a, b))
    if len(free) > 2 * MAX_RULES:
        return []
    fams: list[list[tuple[float, float, float]]] = []
    for r in sorted(free, key=lambda r: (r[1], r[2], r[0])):
        for fam in fams:
            if abs(fam[0][1] - r[1]) <= SAME_END and abs(fam[0][2] - r[2]) <= SAME_END:
                fam.append(r)
                break
        else:
            fams.append([r])
    return [sorted(f) for f in fams if len(f) <= MAX_RULES]


def _split_family(fam, chars: list[Char], tables: list[GridTable]):
    """Tables of the same width on one page share a family: a new table starts at a rule whose text above (back
    to the previous rule) holds no figure — a header — or that has a ruled table between it and the previous."""
    out = [[fam[0]]]
    for prev, rule in zip(fam, fam[1:]):
        between = [c for c in chars if prev[0] < (c.top + c.bottom) / 2 < rule[0]
                   and prev[1] - 1 <= (c.x0 + c.x1) / 2 <= prev[2] + 1]
        boxed = any(prev[0] < t.bbox[1] and t.bbox[3] < rule[0] for t in tables)
        header = bool(between) and not _holds_figure(between)
        if (boxed or header) and len(out[-1]) >= 2:
            out.append([rule])
        else:
            out[-1].append(rule)
    return out


def _gaps(words: list[_Word], x0: float, x1: float, min_gap: float = MIN_GAP) -> list[float]:
    """The middles of the x-ranges within [x0, x1] that no word covers (wider than ``min_gap``)."""
    return [(a + b) / 2 for a, b in _free(words, x0, min_gap)]


def _free(words: list[_Word], x0: float, min_gap: float) -> list[tuple[float, float]]:
    spans = sorted((w.x0, w.x1) for w in words)
    out: list[tuple[float, float]] = []
    cur = x0
    for a, b in spans:
        if a - cur >= min_gap and cur > x0 + 0.5:
            out.append((cur, a))
        cur = max(cur, b)
    return out


def _columns(header: list[_Word], body: list[_Word], x0: float, x1: float) -> list[float]:
    """Column cuts: the x-gaps no word of the header or the rows crosses, wider than MIN_GAP (wider than a word
    space); and, where a spreadsheet prints its cells with almost no padding (a column of wrapped text runs to
    within a point of the next one), a narrower gap (NARROW_GAP) that no word crosses either, at an alignment
    edge: text (or a year) starting flush right after it (a spreadsheet aligns text left) or figures ending
    flush right before it (and figures right), in two lines or more. A gap between two words of one cell runs down every
    line only by chance, and then has no such edge on both of its lines."""
    words = header + body
    cuts = _gaps(words, x0, x1)
    for a, b in _free(words, x0, NARROW_GAP):
        if any(a - 0.5 <= c <= b + 0.5 for c in cuts):
            continue
        text_after = {round(w.top) for w in words if abs(w.x0 - b) <= 0.3
                      and (not _FIGURE.match(w.text) or _YEAR.match(w.text))}
        figure_before = {round(w.top) for w in words if abs(w.x1 - a) <= 0.3 and _FIGURE.match(w.text)}
        if len(text_after) >= 2 or len(figure_before) >= 2:
            cuts.append((a + b) / 2)
    return _headed(sorted(cuts), header, body, x0, x1)


def _headed(cuts: list[float], header: list[_Word], body: list[_Word], x0: float, x1: float) -> list[float]:
    """Every column has a header label: a column whose header holds words but whose rows none, beside one whose
    rows hold words under no header word, are one column (a label aligned left over figures aligned right)."""
    if not header:
        return cuts
    def holds(words: list[_Word], lo: float, hi: float) -> bool:
        return any(lo <= (w.x0 + w.x1) / 2 <= hi for w in words)
    changed = True
    while changed:
        changed = False
        xs = [x0, *cuts, x1]
        for k in range(1, len(xs) - 1):
            left, right = (xs[k - 1], xs[k]), (xs[k], xs[k + 1])
            lh, lb, rh, rb = holds(header, *left), holds(body, *left), holds(header, *right), holds(body, *right)
            if (lh and not lb and rb and not rh) or (rh and not rb and lb and not lh):
                cuts.remove(xs[k])
                changed = True
                break
    return cuts


_PAGE_NUMBER = re.compile(r"^(sayfa|page|s\.)?[-–(]?\d{1,4}[)–-]?((/|of|\|)\d{1,4})?$", re.IGNORECASE)


def _page_number(words: list[_Word]) -> bool:
    """A line that is a page number (``5 / 29``, ``- 5 -``, ``Sayfa 5``): the footer, not a row."""
    return bool(words) and bool(_PAGE_NUMBER.match("".join(w.text for w in words)))


_FIGURE = re.compile(r"^[-−+(]?%?[\d.,]*\d[\d.,]*%?\)?$")


def _table(page: PageContent, fam, chars: list[Char]) -> GridTable | None:
    first, last = fam[0], fam[-1]
    x0, x1 = min(r[1] for r in fam), max(r[2] for r in fam)
    inner = [r[0] for r in fam[1:-1]]
    in_x = [c for c in chars if x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1]
    header_top = _header_top(first[0], in_x)
    if header_top is None:
        return None
    region = [c for c in in_x if header_top <= (c.top + c.bottom) / 2 <= last[0]]
    body = [c for c in region if (c.top + c.bottom) / 2 > first[0]]
    body_lines = _words(body)
    if not body_lines:
        return None
    head_words = [w for ln in _words([c for c in region if (c.top + c.bottom) / 2 < first[0]]) for w in ln]
    cuts = _columns(head_words, [w for ln in body_lines for w in ln], x0, x1)
    if len(cuts) < 2:  # fewer than three columns: not a table of figures
        return None
    xs = [x0, *cuts, x1]
    ys = [header_top, first[0], *_row_starts(body_lines, xs, inner)]
    ys.extend(y for y in inner if y not in ys)
    ys.append(last[0])
    ys = sorted(set(round(y, 2) for y in ys))
    return grid_from_spans(page.number, xs, ys, lambda i, j: False, lambda i, j: False)


def _header_top(y: float, in_x: list[Char]) -> float | None:
    """The top of the header: the lines right above the rule at ``y``, chained by small gaps."""
    above = [ln for ln in group_lines([c for c in in_x if (c.top + c.bottom) / 2 < y])]
    above.sort(key=lambda ln: ln.bbox[3], reverse=True)
    if not (above and y - above[0].bbox[3] < 2 * max(above[0].bbox[3] - above[0].bbox[1], 4.0)):
        return None
    top = above[0].bbox[1]
    for ln in above[1:]:
        h = max(ln.bbox[3] - ln.bbox[1], 4.0)
        if top - ln.bbox[3] <= 0.6 * h:
            top = min(top, ln.bbox[1])
        else:
            break
    return top - 1.0


def _row_starts(body_lines: list[list[_Word]], xs: list[float], inner: list[float]) -> list[float]:
    """Row boundaries: a line with text in the first column, or after a gap wider than a wrapped line's (rules in
    between are boundaries of their own)."""
    ys: list[float] = []
    prev_bottom = None
    figures: set[int] = set()  # the columns that held a figure in the row, before its last line
    last: set[int] = set()  # the columns holding a figure in the row's last line
    for words in body_lines:
        top = min(w.top for w in words)
        bottom = max(w.bottom for w in words)
        h = max(bottom - top, 4.0)
        mine = {_column_of(w, xs) for w in words if _FIGURE.match(w.text)}
        # a figure under a line without one in its column: the next sub-row (a figure does not wrap, and the
        # lines of a cell of several figures, ``3`` / ``6``, follow one another)
        resumed = bool(mine & (figures - last))
        starts_row = prev_bottom is not None and (
            any(w.x0 < xs[1] for w in words) or top - prev_bottom > 0.6 * h or resumed)
        crossed = prev_bottom is not None and any(prev_bottom < y < top for y in inner)
        if starts_row and not crossed:
            ys.append((prev_bottom + top) / 2)
            figures = set()
        figures |= mine
        last = mine
        prev_bottom = bottom if prev_bottom is None else max(prev_bottom, bottom)
    return ys


def _column_of(w: _Word, xs: list[float]) -> int:
    mid = (w.x0 + w.x1) / 2
    return sum(1 for x in xs[1:-1] if x < mid)


def _chained(lines: list[list[_Word]], down: bool) -> list[list[_Word]]:
    """The lines (words per line, top to bottom) that follow one another from the first (``down``) or from the
    last, up, with no gap wider than a blank line and a half between them (rows' padding, not a new part)."""
    seq = lines if down else lines[::-1]
    out: list[list[_Word]] = []
    for words in seq:
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        if out:
            ptop, pbottom = min(w.top for w in out[-1]), max(w.bottom for w in out[-1])
            gap = top - pbottom if down else ptop - bottom
            if gap > 2.5 * max(bottom - top, pbottom - ptop, 4.0):
                break
        out.append(words)
    return out if down else out[::-1]


def _fits(words: list[_Word], xs: list[float]) -> bool:
    """Every word of a line within one column (running text crosses the columns' borders)."""
    return all(not any(w.x0 < x - 0.5 and w.x1 > x + 0.5 for x in xs[1:-1]) for w in words)


def _open_table(page: PageContent, rule, chars: list[Char],
                tables: list[GridTable]) -> tuple[GridTable, list[_Word] | None] | None:
    """A header and its rule with rows under it to the page's last lines and no closing rule: the piece of a
    table the page break cut, before its rest on the next page; or a header and its rule alone at the page's
    foot, its rows all on the next page (returned with the header's words, for reading the columns there). None
    when it is anything else (a heading over a lone rule, running text under it, something on the page below
    it)."""
    y, x0, x1 = rule
    in_x = [c for c in chars if x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1]
    header_top = _header_top(y, in_x)
    header_chars = [c for c in in_x if header_top is not None and header_top <= (c.top + c.bottom) / 2 < y]
    if not header_chars or _holds_figure(header_chars):
        return None  # no header over the rule (a header holds labels, no figures)
    in_x = [c for c in in_x if (c.top + c.bottom) / 2 > y]
    below = _chained(_words(in_x), down=True)
    while below and _page_number(below[-1]):
        below.pop()  # the page's footer, however close under the rows
    if not below:
        return _header_alone(page, rule, header_top, header_chars, chars, tables)
    if len(below) < 2 or not any(c.text.isdigit() for c in in_x):
        return None
    bottom = max(w.bottom for w in below[-1])
    ahead = [t for t in tables if t.bbox[1] > y]
    if any(t.bbox[1] < bottom + 1 for t in ahead):
        return None
    # nothing of the page below the piece but a footer (a page number, a short line) far from it
    rest = [c for c in chars if (c.top + c.bottom) / 2 > bottom + 1]
    if any(t.bbox[1] > bottom for t in ahead) or len(rest) > 40:
        return None
    cuts = _columns([w for ln in _words(header_chars) for w in ln], [w for ln in below for w in ln], x0, x1)
    if len(cuts) < 2:
        return None
    xs = [x0, *cuts, x1]
    if not all(_fits(words, xs) for words in below):
        return None
    ys = sorted(set(round(v, 2) for v in (header_top, y, *_row_starts(below, xs, []), bottom + 1.0)))
    t = grid_from_spans(page.number, xs, ys, lambda i, j: False, lambda i, j: False)
    t.open_bottom = True
    return t, None


def _header_alone(page: PageContent, rule, header_top: float, header_chars: list[Char], chars: list[Char],
                  tables: list[GridTable]) -> tuple[GridTable, list[_Word]] | None:
    """A table's header and its rule at the foot of the page, nothing under them but a footer: the header row
    alone (its rows come on the next page, a spreadsheet does not keep a header with its first row)."""
    y, x0, x1 = rule
    rest = [c for c in chars if (c.top + c.bottom) / 2 > y + 1]
    if any(t.bbox[1] > y for t in tables) or len(rest) > 40:
        return None
    words = [w for ln in _words(header_chars) for w in ln]
    cuts = _columns(words, [], x0, x1)
    if len(cuts) < 2:
        return None
    return grid_from_spans(page.number, [x0, *cuts, x1], [header_top, y], lambda i, j: False,
                           lambda i, j: False), words


def _continuation(page: PageContent, rule, chars: list[Char], tables: list[GridTable],
                  carry: StreamCarry) -> GridTable | None:
    """Rows at the top of a page that end at a table's last rule, under no header: the rest of the table left
    open at the foot of the page before, read with its columns (shifted with the rule's left end)."""
    y, x0, x1 = rule
    if not carry.matches(page.number, x0, x1, carry.scale_on(chars)) or carry.xs is None:
        return None
    width = carry.xs[-1] - carry.xs[0]
    scale = 1.0 if abs(width - (x1 - x0)) <= SAME_END else (x1 - x0) / width
    xs = [x0, *carry.placed(x0, scale)[1:-1], x1]
    above_y = max((t.bbox[3] for t in tables if t.bbox[3] <= y), default=0.0)
    in_x = [c for c in chars if x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1 and above_y < (c.top + c.bottom) / 2 < y]
    lines = _chained(_words(in_x), down=False)
    if not lines or not any(c.text.isdigit() for c in in_x):
        return None
    if carry.header:  # the page before held the header alone: the columns of the header and these rows
        xs = [x0, *_columns(carry.header, [w for ln in lines for w in ln], x0, x1), x1]
    top = min(w.top for w in lines[0])
    if not all(_fits(words, xs) for words in lines):
        return None
    ys = sorted(set(round(v, 2) for v in (top - 1.0, *_row_starts(lines, xs, []), y)))
    t = grid_from_spans(page.number, xs, ys, lambda i, j: False, lambda i, j: False)
    t.open_top = True
    return t


def _segments(lines: list[list[_Word]]) -> tuple[list[float], list[float]]:
    """Where the runs of words of each line start and end (a run: words closer than a column gap)."""
    starts: list[float] = []
    ends: list[float] = []
    for words in lines:
        ws = sorted(words, key=lambda w: w.x0)
        for k, w in enumerate(ws):
            if k == 0 or w.x0 - ws[k - 1].x1 > MIN_GAP - 1.0:
                starts.append(w.x0)
                if k:
                    ends.append(ws[k - 1].x1)
        ends.append(ws[-1].x1)
    return starts, ends


def _shift(carry: StreamCarry, lines: list[list[_Word]], scale: float = 1.0) -> tuple[float, float] | None:
    """Where the carried table stands among these lines: its left edge and scale, such that the lines' text
    starts and ends where its cells' texts did (the page printed with other margins, or at another scale:
    ``scale``, from the characters' heights, is tried within 3 % by quarter points). Candidates by votes, the
    first under which every line keeps within the placed columns. None when none fits."""
    assert carry.xs is not None
    starts, ends = _segments(lines)
    scales = [1.0] if scale == 1.0 else [scale + k * 0.0025 for k in range(-12, 13)]
    width = carry.xs[-1] - carry.xs[0]
    best: list[tuple[int, float, float]] = []  # (support, scale, left edge)
    for sc in scales:
        votes: dict[float, int] = {}
        for xs_, ref in ((starts, carry.edges[0]), (ends, carry.edges[1])):
            for x in xs_:
                for e in ref:
                    d = _half(x - e * sc)
                    votes[d] = votes.get(d, 0) + 1
        # a left edge's support: its votes and its half-point neighbours' (rounding splits one between two)
        for d in votes:
            best.append((votes[d] + votes.get(d - 0.5, 0) + votes.get(d + 0.5, 0), sc, d))
    need = max(3, len(lines))  # at least a cell text per line lines up
    for support, sc, left in sorted(best, key=lambda b: (-b[0], abs(b[1] - 1.0), abs(b[2] - carry.xs[0])))[:8]:
        if support < need:
            break
        xs = carry.placed(left, sc)
        inside = all(xs[0] - 1 <= w.x0 and w.x1 <= xs[-1] + 1 for words in lines for w in words)
        if abs(left - carry.xs[0]) <= width / 2 and inside and all(_fits(words, xs) for words in lines):
            # the left edge to a fraction of a point: the median of the positions that voted for it
            near = sorted(x - e * sc for xs_, ref in ((starts, carry.edges[0]), (ends, carry.edges[1]))
                          for x in xs_ for e in ref if abs(x - e * sc - left) <= 0.75)
            return (near[len(near) // 2] if near else left), sc
    return None


def _bare_continuation(page: PageContent, chars: list[Char], tables: list[GridTable],
                       carry: StreamCarry) -> GridTable | None:
    """A page inside a table left open at the foot of the page before: rows from the page's top under no header
    and no rule. Read with the carried columns (shifted to where the rows stand); ``open_top``, and
    ``open_bottom`` when they run down to the page's foot (nothing under them but a footer): the table goes on
    on the next page."""
    if carry.xs is None or carry.page != page.number - 1 or not carry.edges[0]:
        return None
    first_table = min((t.bbox[1] for t in tables), default=float("inf"))
    region = [c for c in chars if (c.top + c.bottom) / 2 < first_table]
    lines = _chained(_words(region), down=True)
    if len(lines) < 2 or not any(c.text.isdigit() for c in region):
        return None
    where = _shift(carry, lines, carry.scale_on(region))
    if where is None:
        return None
    xs = carry.placed(*where)
    top = min(w.top for w in lines[0])
    bottom = max(w.bottom for w in lines[-1])
    rest = [c for c in chars if (c.top + c.bottom) / 2 > bottom + 1]
    at_foot = not any(t.bbox[1] > bottom for t in tables) and len(rest) <= 40
    ys = sorted(set(round(v, 2) for v in (top - 1.0, *_row_starts(lines, xs, []), bottom + 1.0)))
    t = grid_from_spans(page.number, xs, ys, lambda i, j: False, lambda i, j: False)
    t.open_top, t.open_bottom = True, at_foot
    return t


def _unplaced_rest(page: PageContent, chars: list[Char], tables: list[GridTable],
                   carry: StreamCarry) -> GridTable | None:
    """The lines with figures at the top of the page after a table left open at its foot, where neither its last
    rule nor its columns could be found: its rest, whose columns cannot be told. One cell over them, marked
    ``unplaced`` (the assembler reports it as a reading problem with its page and box), so that no figure of it
    is left as running text unseen."""
    if carry.xs is None or carry.page != page.number - 1:
        return None
    first_table = min((t.bbox[1] for t in tables), default=float("inf"))
    region = [c for c in chars if (c.top + c.bottom) / 2 < first_table]
    lines = _chained(_words(region), down=True)
    if not lines or not any(c.text.isdigit() for c in region):
        return None
    x0 = min(w.x0 for ln in lines for w in ln) - 1.0
    x1 = max(w.x1 for ln in lines for w in ln) + 1.0
    top = min(w.top for w in lines[0]) - 1.0
    bottom = max(w.bottom for w in lines[-1]) + 1.0
    rest = [c for c in chars if (c.top + c.bottom) / 2 > bottom]
    t = grid_from_spans(page.number, [x0, x1], [top, bottom], lambda i, j: False, lambda i, j: False)
    # down to the page's foot: the table may go on on the next page, where its columns are looked for again
    t.open_top, t.unplaced = True, True
    t.open_bottom = not any(tb.bbox[1] > bottom for tb in tables) and len(rest) <= 40
    return t


MARGIN_BAND = 0.065  # of the page's height: the top and bottom bands where running headers and footers stand
_DIGITS = re.compile(r"\d+")


def furniture(page: PageContent, chars: list[Char], carry: StreamCarry) -> list[Char]:
    """The characters of the page's running header and footer: a line in the page's top or bottom band
    (``MARGIN_BAND``) printed at the same height, with the same text but for its numbers (a page number, a
    date), in the same band of an earlier page. Word and browser prints repeat the report's title or a page
    number there; above the rows of a table continued on a page with no rule, such a line would be taken for
    its first row. Nothing is dropped: the caller only keeps these characters out of the table search, and
    they stay running text. ``carry`` remembers the band lines of the pages read so far (in order)."""
    top, bottom = page.height * MARGIN_BAND, page.height * (1.0 - MARGIN_BAND)
    band = [c for c in chars if not (top <= (c.top + c.bottom) / 2 <= bottom)]
    out: list[Char] = []
    for line in _line_chars(band):
        text = _DIGITS.sub("#", "".join(c.text for c in line if not c.text.isspace()))
        if not text:
            continue
        y = round(sum(c.top + c.bottom for c in line) / (2 * len(line)))
        key = [(text, y + d) for d in (-1, 0, 1)]
        if any(k in carry.margin_lines for k in key):
            out.extend(line)
        carry.margin_lines.add((text, y))
    return out


def stream_tables(page: PageContent, tables: list[GridTable], outside: list[Char],
                  carry: StreamCarry | None = None) -> tuple[list[GridTable], list[Char]]:
    """Tables drawn with horizontal rules only, from the characters outside the ruled tables; returns them
    (filled) and the characters still outside every table. ``carry``: the document's ``StreamCarry`` (pages in
    order), to read a table broken across pages without its header repeated; updated for the next page."""
    hs, _ = ruling(page)
    all_outside = outside
    if carry is not None:  # a running header or footer is no row of a table: kept out of the search only
        skip = furniture(page, outside, carry)
        if skip:
            ids = {id(c) for c in skip}
            outside = [c for c in outside if id(c) not in ids]
    found: list[GridTable] = []
    left_open: GridTable | None = None
    continued = False
    open_header: list[_Word] | None = None
    for fam in _families(hs, tables):
        if carry is not None and not continued and carry.matches(page.number, fam[0][1], fam[0][2],
                                                                 carry.scale_on(outside)):
            t = _continuation(page, fam[0], outside, tables, carry)
            if t is not None:
                found.append(t)
                continued = True
                fam = fam[1:]
        for part in _split_family(fam, outside, tables) if fam else []:
            if len(part) == 1:
                opened = _open_table(page, part[0], outside, tables) if carry is not None else None
                t = None
                if opened is not None:
                    t, open_header = opened
                    left_open = t
            else:
                t = _table(page, part, outside)
            if t is not None:
                found.append(t)
    if carry is not None and not continued:
        # no rule of the table on this page: a page in the middle of it, rows only
        taken = [c for c in outside if not any(t.bbox[0] - 1 <= (c.x0 + c.x1) / 2 <= t.bbox[2] + 1
                                                and t.bbox[1] - 1 <= (c.top + c.bottom) / 2 <= t.bbox[3] + 1
                                                for t in found)]
        t = _bare_continuation(page, taken, tables + found, carry)
        if t is None:
            t = _unplaced_rest(page, taken, tables + found, carry)
        if t is not None:
            found.append(t)
            if t.unplaced and t.open_bottom:
                carry.page = page.number  # its columns unknown here: looked for again on the next page
                return found, fill_cells(found, all_outside)
            if t.open_bottom:
                left_open = t
    if not found:
        if carry is not None:
            carry.take(page.number, None)
        return [], all_outside
    rest = fill_cells(found, all_outside)
    if carry is not None:
        carry.take(page.number, left_open, outside)
        carry.header = open_header if left_open is not None and left_open.n_rows == 1 else None
    return found, rest
