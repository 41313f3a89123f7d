"""No printed number lost: every number inside a table region ends up in the report model or in a reading
problem.

While the pages are read, every number printed in a table cell is noted with its page and box (``Ledger.see``).
When the report is assembled, each is looked up: it is *placed* when it stands inside the box of a printed
value, label, name or note the model keeps as evidence (or in a header or summary row the assembler read);
otherwise it is *reported*, inside a reading problem the reader already raised there, or in a new
``unplaced_number`` reading problem with its page, box and text. ``seen == placed + reported`` always; a
number neither placed nor reported would be a silent drop, which this ledger exists to make impossible.

**Scanned pages** (``--ocr``) are held to more: every number-looking word Tesseract read on the page, inside a
table or not (``Ledger.see_scan``). A table whose rules the raster reader missed reaches the assembler as
lines of running text, so a ledger of table cells alone would never see its numbers. A word outside every
table found is therefore looked at with its line (``scan_layout``):

- a **line of prose** is one whose words follow each other at word spacing: no gap wider than ``COLUMN_GAP``
  word heights (a title's year, a sentence's figure, a page number standing alone);
- a **row of columns** has such gaps: two or more, or one that sets a figure apart (``Performans %   52,20``);
- a **table-like region** is a run of rows of columns, each within ``REGION_GAP`` line heights of the last, with
  ``MIN_COLUMNS`` columns of figures or more (a line's first segment, its row number, not counted), each holding
  figures on two different lines one under the other (their boxes overlap across). Every word inside it belongs
  to it. One column of figures is a list (a contents page's page numbers), not a hedef table, which prints two
  figures a row or more.

A number word is then *placed* (in a model cell's box, a header or summary row read), *reported* (inside a
reading problem already raised), *prose* (counted, not a problem: running text is no table), or reported now:
the region's unread numbers as **one** ``unread_table_region`` reading problem naming the page and the region
(an auditor learns that a table there was not checked) and the hedef whose label rows were read last above it
on that page, when there is one (also a hedef left out of the model because none of its figures were read), a number in a row of columns outside any region as an
``unplaced_number`` — except a number in the row's first segment (its item or section number) and a bare
integer of ``SMALL_INTEGER`` digits or fewer (a contents line's page number), which count with the prose.
``seen == placed + reported + prose``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Evidence, Report, StructureIssue
from ..normalising.numbers import parse_number
from ..reading.page import Block

BBox = tuple[float, float, float, float]
BAND = 24.0  # points: boxes are looked up by horizontal bands of the page
MAX_PER_PAGE = 12  # more unplaced cells than this on a page are reported as one reading problem of the page


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=16384)
def _is_number(token: str) -> bool:
    if not _DIGIT.search(token):
        return False
    return parse_number(token.strip(".,;:()[]\"'")) is not None


@dataclass
class Seen:
    page: int
    bbox: BBox  # the line's box
    cell: BBox  # the cell's box
    text: str  # the number as printed


@dataclass
class Ledger:
    seen: list[Seen] = field(default_factory=list)
    placed: int = 0
    reported: int = 0
    scan: list["ScanNumber"] = field(default_factory=list)  # number words read outside tables on scanned pages
    regions: list["Region"] = field(default_factory=list)  # table-like regions of scanned pages
    prose: int = 0
    scanned: bool = False

    def see_scan(self, page: int, words: list, blocks: list[Block]) -> None:
        """Note every number word Tesseract read on scanned page ``page`` that no table block holds (those are
        noted by ``see``), classified by its line (``scan_layout``)."""
        self.scanned = True
        cells = [c.bbox for b in blocks if b.table is not None for c in b.table.cells]
        outside = [w for w in words if not any(_inside((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2, c, 0.0)
                                                for c in cells)]
        numbers, regions = scan_layout(page, outside)
        for s in numbers:
            if s.region is not None:
                s.region += len(self.regions)
        self.scan.extend(numbers)
        self.regions.extend(regions)

    def see(self, block: Block) -> None:
        """Note every number printed in the cells of a table block."""
        if block.table is None:
            return
        for c in block.table.cells:
            for ln in c.lines:
                for tok in ln.text.split():
                    if _is_number(tok):
                        self.seen.append(Seen(ln.page or block.page, ln.bbox, c.bbox, tok))

    def settle(self, report: Report, read_rows: list[tuple[int, BBox]], unfilled: list | None = None) -> None:
        """Look every number up in the model (and the rows read as headers or summary); report the rest."""
        boxes: dict[tuple[int, int], list[BBox]] = defaultdict(list)  # (page, band of the page) -> boxes

        def add(page: int, bbox: BBox) -> None:
            for band in range(int(bbox[1] // BAND) - 1, int(bbox[3] // BAND) + 2):
                boxes[(page, band)].append(bbox)

        for page, bbox in _evidence_boxes(report):
            add(page, bbox)
        for page, bbox in read_rows:
            add(page, bbox)
        problems: dict[int, list[StructureIssue]] = defaultdict(list)
        for i in report.issues:
            if i.origin == "reader" and i.page is not None and i.bbox is not None:
                problems[i.page].append(i)
        unplaced: dict[tuple[int, BBox], list[Seen]] = {}
        for s in self.seen:
            cx, cy = (s.bbox[0] + s.bbox[2]) / 2, (s.bbox[1] + s.bbox[3]) / 2
            if any(_inside(cx, cy, b) for b in boxes.get((s.page, int(cy // BAND)), ())):
                self.placed += 1
            elif any(_inside(cx, cy, i.bbox) for i in problems.get(s.page, ())):  # type: ignore[arg-type]
                self.reported += 1
            else:
                unplaced.setdefault((s.page, s.cell), []).append(s)
        anchors = sorted(_anchors(report), key=lambda a: (a[0], a[1]))  # ties keep the model order
        keys = [(pg, top) for pg, top, _ in anchors]
        per_page: dict[int, list[tuple[BBox, list[Seen]]]] = defaultdict(list)
        for (page, cell), items in unplaced.items():
            self.reported += len(items)
            per_page[page].append((cell, items))
        for page, cells in sorted(per_page.items()):
            if len(cells) > MAX_PER_PAGE:  # a page the reader could not read at all: one problem, every number
                items = [s for _, its in cells for s in its]
                cells = [((min(c[0] for c, _ in cells), min(c[1] for c, _ in cells),
                           max(c[2] for c, _ in cells), max(c[3] for c, _ in cells)), items)]
            for cell, items in cells:
                # the hedef block it stands in: the last one that begins above it
                k = bisect.bisect_right(keys, (page, cell[1] + 0.5)) - 1
                h = anchors[k][2] if k >= 0 else (None, None, None, None)
                text = " ".join(s.text for s in items)
                report.issues.append(StructureIssue(
                    "unplaced_number", page, cell, h[0], h[1], h[2], h[3], detail={"text": text if len(text) <= 80 else text[:79] + "…",
                                                               "numbers": [s.text for s in items]}))
        if self.scanned:
            self._settle_scan(report, boxes, problems, unfilled or [])

    def _settle_scan(self, report: Report, boxes: dict, problems: dict, unfilled: list) -> None:
        """The number words of scanned pages outside tables: placed, inside a reading problem, prose, or reported
        now (one problem per unread table-like region, one per loose number)."""
        unread: dict[int, list[ScanNumber]] = defaultdict(list)  # region index -> its unread numbers
        loose: dict[int, list[ScanNumber]] = defaultdict(list)  # page -> numbers in rows outside any region
        for s in self.scan:
            cx, cy = (s.bbox[0] + s.bbox[2]) / 2, (s.bbox[1] + s.bbox[3]) / 2
            if any(_inside(cx, cy, b) for b in boxes.get((s.page, int(cy // BAND)), ())):
                self.placed += 1
            elif any(_inside(cx, cy, i.bbox) for i in problems.get(s.page, ())):  # type: ignore[arg-type]
                self.reported += 1
            elif s.where == "prose":
                self.prose += 1
            elif s.region is not None:
                unread[s.region].append(s)
            else:
                loose[s.page].append(s)
        anchors = sorted(_anchors(report), key=lambda a: (a[0], a[1]))
        for k, items in sorted(unread.items()):
            r = self.regions[k]
            self.reported += len(items)
            texts = [s.text for s in items]
            key = _block_above(report, unfilled, r)
            near = _hedefler_near(anchors, r)
            if key[1] and f"{key[0]} {key[1]}" not in near:
                near.append(f"{key[0]} {key[1]}")
            report.issues.append(StructureIssue(
                "unread_table_region", r.page, r.bbox, key[0], key[1], key[2],
                detail={"page": r.page, "where": f", {' '.join(x for x in key if x)}" if key[1] else "",
                        "lines": r.lines, "count": len(items), "numbers": texts,
                        "text": _sample(texts), "confidence": int(min(s.conf for s in items)),
                        "hedefler": near}))
        for page, items in sorted(loose.items()):
            self.reported += len(items)
            groups = [[s] for s in items] if len(items) <= MAX_PER_PAGE else [items]
            for group in groups:
                box = (min(s.bbox[0] for s in group), min(s.bbox[1] for s in group),
                       max(s.bbox[2] for s in group), max(s.bbox[3] for s in group))
                texts = [s.text for s in group]
                report.issues.append(StructureIssue(
                    "unplaced_number", page, box, detail={"text": _sample(texts), "numbers": texts,
                                                         "confidence": int(min(s.conf for s in group))}))

    def counts(self) -> dict[str, int]:
        out = {"seen": len(self.seen) + len(self.scan), "placed": self.placed, "reported": self.reported}
        if self.scanned:  # only a document with scanned pages has running-text numbers in its ledger
            out["prose"] = self.prose
        return out


def _block_above(report: Report, unfilled: list, region: "Region") -> tuple:
    """(amac, hedef, performans hedefi) of the hedef block whose label rows were read last above ``region`` on its
    page — one in the model, or one left out of it for want of figures (``unfilled``: its tables are likely the
    unread ones) — else (None, None, None): on another page the table may as well start a hedef whose labels
    went unread too."""
    starts = [(h.evidence.page, h.evidence.bbox[1], h.key) for h in report.hedefler
              if h.evidence.page is not None and h.evidence.bbox is not None]
    starts += [(page, bbox[1], key) for page, bbox, key in unfilled]
    above = [(top, key) for page, top, key in starts if page == region.page and top < region.bbox[1]]
    return max(above, key=lambda tk: tk[0])[1] if above else (None, None, None)


def _hedefler_near(anchors: list, region: "Region") -> list[str]:
    """The hedef blocks that may have rows in an unread region (which one is not known: its label rows may be
    unread too): every block with a row read on the region's page, and the block read last before the region
    (a table going on from the page before). ``anchors``: ``_anchors`` sorted by page and top."""
    near = {(key[0], key[1]) for page, _top, key in anchors if page == region.page}
    before = [key for page, top, key in anchors if (page, top) < (region.page, region.bbox[1])]
    if before:
        near.add((before[-1][0], before[-1][1]))
    return sorted(f"{a} {h}" for a, h in near if a and h)


def _sample(texts: list[str], limit: int = 60) -> str:
    text = " ".join(texts)
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ------------------------------------------------------------------------------------------ scanned pages

COLUMN_GAP = 1.5  # word heights: a wider gap between two words of a line is a gap between columns (a word
# space is a third to a half of a word's height, the fixtures' column gaps two to four heights)
REGION_GAP = 2.5  # line heights: rows of columns closer than this (a wrapped name's line between) are one region
LINE_OVERLAP = 0.5  # a word joins a line whose band it overlaps by this share of the lower height
MIN_COLUMNS = 2  # columns of figures that make a run of rows a table-like region
SMALL_INTEGER = 3  # digits: a bare integer this short in a row outside any region is a page or item number


@dataclass
class ScanNumber:
    page: int
    bbox: BBox
    text: str
    conf: float
    where: str  # "prose", "row" (a row of columns outside any region) or "region"
    region: int | None = None  # index into Ledger.regions (the ledger's, once noted)


@dataclass
class Region:
    page: int
    bbox: BBox
    lines: int  # rows of columns in it


def number_word(text: str) -> bool:
    """A word that is, or is meant to be, a number: a Turkish number, or digits a scan mixed with letters
    (``ocr.looks_numeric``: ``4O,00``)."""
    from ..reading.ocr import looks_numeric

    return _is_number(text) or looks_numeric(text)


def _lines(words: list) -> list[list]:
    """Words grouped into lines: a word joins the line whose band (its words' median top and bottom) it overlaps
    most, by at least ``LINE_OVERLAP`` of the lower of the two heights (a dash or a comma, a word with a descender, a figure
    read again in a taller box all stay on their line)."""
    lines: list[list] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        h = max(w.bottom - w.top, 0.1)
        best, best_share = None, LINE_OVERLAP
        for ln in lines[-8:]:
            top = sorted(x.top for x in ln)[len(ln) // 2]
            bottom = sorted(x.bottom for x in ln)[len(ln) // 2]
            share = (min(bottom, w.bottom) - max(top, w.top)) / max(min(h, bottom - top), 0.1)
            if share >= best_share:
                best, best_share = ln, share
        if best is None:
            lines.append([w])
        else:
            best.append(w)
    return [sorted(ln, key=lambda w: w.x0) for ln in lines]


def _segments(line: list) -> list[list]:
    """A line cut at its column gaps (wider than ``COLUMN_GAP`` times the line's median word height)."""
    h = sorted(w.bottom - w.top for w in line)[len(line) // 2]
    out = [[line[0]]]
    for prev, w in zip(line, line[1:]):
        if w.x0 - prev.x1 > COLUMN_GAP * h:
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _columnar(line: list) -> bool:
    """A row of columns: two column gaps or more, or one that sets apart a segment of numbers only."""
    segs = _segments(line)
    if len(segs) >= 3:
        return True
    return len(segs) == 2 and any(all(number_word(w.text) for w in seg) for seg in segs)


def _box(words: list) -> BBox:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
            max(w.bottom for w in words))


def scan_layout(page: int, words: list) -> tuple[list[ScanNumber], list[Region]]:
    """The number words among ``words`` (a scanned page's words outside its tables, each with ``text``, box
    ``x0 top x1 bottom`` and ``conf``), each marked prose, row or region, and the page's table-like regions
    (region indexes count from 0 on this page)."""
    lines = _lines(words)
    rows = [ln for ln in lines if _columnar(ln)]
    runs: list[list[list]] = []
    for ln in rows:
        top = min(w.top for w in ln)
        h = sorted(w.bottom - w.top for w in ln)[len(ln) // 2]
        if runs and top - max(w.bottom for w in runs[-1][-1]) <= REGION_GAP * h:
            runs[-1].append(ln)
        else:
            runs.append([ln])
    regions: list[Region] = []
    for run in runs:
        if _aligned(run):
            regions.append(Region(page, _box([w for ln in run for w in ln]), len(run)))
    numbers: list[ScanNumber] = []
    row_ids = {id(ln) for ln in rows}
    for ln in lines:
        first = {id(w) for w in _segments(ln)[0]} if id(ln) in row_ids else set()
        for w in ln:
            if not number_word(w.text):
                continue
            cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
            k = next((i for i, r in enumerate(regions) if _inside(cx, cy, r.bbox, 0.5)), None)
            # outside a region, a row's own number (its first segment) and a page number are no figures
            figure = id(ln) in row_ids and id(w) not in first and not _small(w.text)
            where = "region" if k is not None else ("row" if figure else "prose")
            numbers.append(ScanNumber(page, (w.x0, w.top, w.x1, w.bottom), w.text, float(w.conf), where, k))
    return numbers, regions


def _small(text: str) -> bool:
    return text.isdigit() and len(text) <= SMALL_INTEGER


def _aligned(run: list[list]) -> bool:
    """At least ``MIN_COLUMNS`` columns of figures in ``run``, each with figures on two different lines standing
    one under the other (their boxes overlap across), not counting the lines' first segments (a row's number).
    One column of figures is a list (a contents page's page numbers), not a table: every hedef table prints two
    figures a row or more (target and actual, budget and spending)."""
    columns: list[list] = []  # [x0, x1, {line indexes}]
    # a line's first segment holds its number, not its figures (Sıra No, a contents line's "2.1 Amaçlar")
    figures = [(i, w) for i, ln in enumerate(run) for seg in _segments(ln)[1:] for w in seg if number_word(w.text)]
    for i, w in sorted(figures, key=lambda iw: iw[1].x0):
        col = next((c for c in columns if w.x0 <= c[1] and c[0] <= w.x1), None)
        if col is None:
            columns.append([w.x0, w.x1, {i}])
        else:
            col[0], col[1] = min(col[0], w.x0), max(col[1], w.x1)
            col[2].add(i)
    return sum(1 for c in columns if len(c[2]) >= 2) >= MIN_COLUMNS


def _inside(x: float, y: float, b: BBox, pad: float = 1.0) -> bool:
    return b[0] - pad <= x <= b[2] + pad and b[1] - pad <= y <= b[3] + pad


def _anchors(report: Report):
    """(page, top, (amac, hedef, performans hedefi, item)) of every row the model read into a hedef block: the
    block's label rows (no item), each gösterge's and faaliyet's first row (its code)."""
    for h in report.hedefler:
        items = [(h.evidence, None)] + [(g.evidence, g.code) for g in h.gostergeler] + \
            [(f.evidence, f.code) for f in h.faaliyetler]
        for ev, item in items:
            if ev.page is not None and ev.bbox is not None:
                yield ev.page, ev.bbox[1], (*h.key, item)


def _evidence_boxes(report: Report):
    """(page, box) of every cell the model keeps as evidence, every piece of a cell cut by a page break."""
    def of(ev: Evidence):
        for c in ev.cells.values():
            if c is None:
                continue
            for page, bbox in c.pieces():
                if page is not None and bbox is not None:
                    yield page, bbox

    for h in report.hedefler:
        yield from of(h.evidence)
        for g in h.gostergeler:
            yield from of(g.evidence)
            for p in g.periods + ([g.reached] if g.reached is not None else []):
                yield from of(p.evidence)
        for f in h.faaliyetler:
            yield from of(f.evidence)
    s = report.summary
    yield from of(s.overall_evidence)
    if s.declared_totals is not None:
        yield from of(s.declared_totals.evidence)
    for a in s.amaclar:
        yield from of(a.evidence)
        if a.counts is not None:
            yield from of(a.counts.evidence)
        for sh in a.hedefler:
            yield from of(sh.evidence)
            for ph in sh.performans_hedefleri:
                yield from of(ph.evidence)
