"""No printed number lost: every number inside a table region ends up in the report model or in a reading
problem.

While the pages are read, every number printed in a table cell is noted with its page and box (``Ledger.see``).
When the report is assembled, each is looked up: it is *placed* when it stands inside the box of a printed
value, label, name or note the model keeps as evidence (or in a header or summary row the assembler read);
otherwise it is *reported*, inside a reading problem the reader already raised there, or in a new
``unplaced_number`` reading problem with its page, box and text. ``seen == placed + reported`` always; a
number neither placed nor reported would be a silent drop, which this ledger exists to make impossible.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Evidence, Report, StructureIssue
from ..normalising.numbers import parse_number
from ..reading.page import Block

BBox = tuple[float, float, float, float]
BAND = 24.0  # points: boxes are looked up by horizontal bands of the page
MAX_PER_PAGE = 12  # more unplaced cells than this on a page are reported as one reading problem of the page


_DIGIT = re.compile(r"\d")


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

    def see(self, block: Block) -> None:
        """Note every number printed in the cells of a table block."""
        if block.table is None:
            return
        for c in block.table.cells:
            for ln in c.lines:
                for tok in ln.text.split():
                    if _is_number(tok):
                        self.seen.append(Seen(ln.page or block.page, ln.bbox, c.bbox, tok))

    def settle(self, report: Report, read_rows: list[tuple[int, BBox]]) -> None:
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

    def counts(self) -> dict[str, int]:
        return {"seen": len(self.seen), "placed": self.placed, "reported": self.reported}


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
