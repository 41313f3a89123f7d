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
"""

from __future__ import annotations

from dataclasses import dataclass

from .grid import _normalise, fill_cells, grid_from_spans, group_lines
from .page import Char, GridTable, PageContent

MIN_RULE = 120.0  # points: a rule shorter than this is an underline, not a table rule
SAME_END = 3.0  # points: rules of one table start and end within this of each other
MIN_GAP = 4.0  # points: narrower empty x-ranges are word spaces, not column gaps
MAX_RULES = 150  # a page cannot hold more table rows than this; more free rules are a pattern, not tables


@dataclass
class _Word:
    x0: float
    x1: float
    top: float
    bottom: float


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
            else:
                words.append(_Word(ch.x0, ch.x1, ch.top, ch.bottom))
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
    return [sorted(f) for f in fams if 2 <= len(f) <= MAX_RULES]


def _split_family(fam, chars: list[Char], tables: list[GridTable]):
    """Tables of the same width on one page share a family: a new table starts at a rule whose text above (back
    to the previous rule) holds no figure — a header — or that has a ruled table between it and the previous."""
    out = [[fam[0]]]
    for prev, rule in zip(fam, fam[1:]):
        between = [c for c in chars if prev[0] < (c.top + c.bottom) / 2 < rule[0]
                   and prev[1] - 1 <= (c.x0 + c.x1) / 2 <= prev[2] + 1]
        boxed = any(prev[0] < t.bbox[1] and t.bbox[3] < rule[0] for t in tables)
        header = bool(between) and not any(c.text.isdigit() for c in between)
        if (boxed or header) and len(out[-1]) >= 2:
            out.append([rule])
        else:
            out[-1].append(rule)
    return [f for f in out if len(f) >= 2]


def _gaps(words: list[_Word], x0: float, x1: float) -> list[float]:
    """The middles of the x-ranges within [x0, x1] that no word covers (wider than MIN_GAP)."""
    spans = sorted((w.x0, w.x1) for w in words)
    cuts: list[float] = []
    cur = x0
    for a, b in spans:
        if a - cur >= MIN_GAP and cur > x0 + 0.5:
            cuts.append((cur + a) / 2)
        cur = max(cur, b)
    return cuts


def _table(page: PageContent, fam, chars: list[Char]) -> GridTable | None:
    first, last = fam[0], fam[-1]
    x0, x1 = min(r[1] for r in fam), max(r[2] for r in fam)
    inner = [r[0] for r in fam[1:-1]]
    in_x = [c for c in chars if x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1]
    # header: the lines right above the first rule, chained by small gaps
    above = [ln for ln in group_lines([c for c in in_x if (c.top + c.bottom) / 2 < first[0]])]
    above.sort(key=lambda ln: ln.bbox[3], reverse=True)
    header_top = None
    if above and first[0] - above[0].bbox[3] < 2 * max(above[0].bbox[3] - above[0].bbox[1], 4.0):
        top = above[0].bbox[1]
        for ln in above[1:]:
            h = max(ln.bbox[3] - ln.bbox[1], 4.0)
            if top - ln.bbox[3] <= 0.6 * h:
                top = min(top, ln.bbox[1])
            else:
                break
        header_top = top - 1.0
    if header_top is None:
        return None
    region = [c for c in in_x if header_top <= (c.top + c.bottom) / 2 <= last[0]]
    body = [c for c in region if (c.top + c.bottom) / 2 > first[0]]
    body_lines = _words(body)
    if not body_lines:
        return None
    all_words = [w for ln in _words(region) for w in ln]
    cuts = _gaps(all_words, x0, x1)
    if len(cuts) < 2:  # fewer than three columns: not a table of figures
        return None
    xs = [x0, *cuts, x1]
    # rows: rules in between, or a line with text in the first column, or a gap wider than a wrapped line's
    ys = [header_top, first[0]]
    prev_bottom = None
    for words in body_lines:
        top = min(w.top for w in words)
        bottom = max(w.bottom for w in words)
        h = max(bottom - top, 4.0)
        starts_row = prev_bottom is not None and (
            any(w.x0 < xs[1] for w in words) or top - prev_bottom > 0.6 * h)
        crossed = prev_bottom is not None and any(prev_bottom < y < top for y in inner)
        if starts_row and not crossed:
            ys.append((prev_bottom + top) / 2)
        prev_bottom = bottom if prev_bottom is None else max(prev_bottom, bottom)
    ys.extend(y for y in inner if y not in ys)
    ys.append(last[0])
    ys = sorted(set(round(y, 2) for y in ys))
    return grid_from_spans(page.number, xs, ys, lambda i, j: False, lambda i, j: False)


def stream_tables(page: PageContent, tables: list[GridTable], outside: list[Char]) -> tuple[list[GridTable],
                                                                                          list[Char]]:
    """Tables drawn with horizontal rules only, from the characters outside the ruled tables; returns them
    (filled) and the characters still outside every table."""
    hs, _ = _normalise(page.segments)
    found: list[GridTable] = []
    for fam in _families(hs, tables):
        for part in _split_family(fam, outside, tables):
            t = _table(page, part, outside)
            if t is not None:
                found.append(t)
    if not found:
        return [], outside
    rest = fill_cells(found, outside)
    return found, rest
