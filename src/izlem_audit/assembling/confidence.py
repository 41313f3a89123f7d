"""OCR confidence carried into the model, and the numbers a scan leaves uncertain (issue 15).

On a scanned page every character comes from Tesseract with its word's confidence (``Char.conf``). Each cell
of the model read from such a page gets the lowest confidence of the characters in its box
(``Cell.confidence``). A number the tool cannot be sure it read as printed is a **reading problem** with its
crop (``ocr_uncertain``, origin reader, category structure), never an error of the report:

- a confidence under ``LOW_CONFIDENCE`` (the weakest of its characters);
- a letter inside the number (``4O,00``, ``1.2S0``): the digit pass could not settle it;
- a shape no Turkish number has (``45.00``, ``1.0000,00``, ``4500,`` — a decimal comma lost or doubled);
- no decimal comma where the scan's figures nearly all have one (``131`` for ``1,31``: the comma lost).

Any other structure issue on a scanned page (a header lacking a column, a value in the wrong column) is a
reading problem too: on a scan the tool cannot tell a misprint from a misreading.

The issue names its gösterge or faaliyet and period, so the checks that take that value are turned into
"not checked (reading problem)" — "check this cell" — by the rules engine (``rules/engine.py``), never raised
as errors of the report.
"""

from __future__ import annotations

import bisect
import re

from ..model import Evidence, Report, StructureIssue

LOW_CONFIDENCE = 80.0  # Tesseract word confidence (0..100) under which a number is not trusted
NUMERIC_FIELDS = frozenset({"budget", "spent", "target", "baseline", "weight", "actual", "reported_rate",
                            "reported_performance", "overall_rate", "month", "rate", "performance"})

# well-formed Turkish numbers: 1.234.567,89 · 1234,5 · 45 · %45,00 · 45% · -3,5 — and the marks for "none"
_WELL_FORMED = re.compile(r"^[(\-−+]?%?\s?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?\s?%?[)]?$")
_NUMBER_CHARS = set("0123456789,.%-")
_NONE_MARKS = {"-", "—", "–", "", "yok", "—", "..."}


def number_problem(text: str) -> str | None:
    """Why a numeric cell's text cannot be trusted as read (``letter``, ``shape``), or None."""
    for token in text.split():
        t = token.strip()
        if t.lower() in _NONE_MARKS:
            continue
        if not any(ch.isdigit() for ch in t):
            continue
        if any(ch.isalpha() for ch in t):
            return "letter"
        if not _WELL_FORMED.match(t):
            return "shape"
    return None


class PageChars:
    """The OCR'd characters of one page, sorted by their centre's y, for box look-ups."""

    def __init__(self, chars) -> None:
        self.chars = sorted((c for c in chars if c.conf is not None), key=lambda c: c.cy)
        self.keys = [c.cy for c in self.chars]

    def inside(self, box) -> list:
        x0, top, x1, bottom = box
        lo, hi = bisect.bisect_left(self.keys, top - 1.0), bisect.bisect_right(self.keys, bottom + 1.0)
        return [c for c in self.chars[lo:hi] if x0 - 1.0 <= c.cx <= x1 + 1.0]


def _cells(report: Report):
    """(evidence, cell name, cell, where) of every cell of the model; where = (amac, hedef, ph, item, period)."""
    for h in report.hedefler:
        key = h.key
        yield from _ev(h.evidence, (*key, None, None))
        for g in h.gostergeler:
            yield from _ev(g.evidence, (*key, g.code, None))
            for p in g.periods:
                yield from _ev(p.evidence, (*key, g.code, p.month))
        for f in h.faaliyetler:
            yield from _ev(f.evidence, (*key, f.code, None))
    s = report.summary
    if s is not None:
        for a in s.amaclar:
            yield from _ev(a.evidence, (a.amac, None, None, None, None))
            for sh in a.hedefler:
                yield from _ev(sh.evidence, (a.amac, sh.hedef, None, None, None))
                for ph in sh.performans_hedefleri:
                    yield from _ev(ph.evidence, (a.amac, sh.hedef, ph.performans_hedefi, None, None))
            if a.counts is not None:
                yield from _ev(a.counts.evidence, (a.amac, None, None, None, None))
        yield from _ev(s.overall_evidence, (None, None, None, None, None))


def _ev(ev: Evidence, where):
    for name, cell in ev.cells.items():
        yield ev, name, cell, where


VALUE_FIELDS = NUMERIC_FIELDS - {"month"}
DECIMAL_SHARE = 0.9  # when this share of a scan's figures carry a decimal comma, one without is doubted


def _prints_decimals(report: Report, pages: dict) -> bool:
    """Whether the figures read from the scanned pages are printed with a decimal comma (``41,50``), nearly all
    of them: then a figure read without one (``131`` for ``1,31``) has probably lost it to the scan."""
    with_comma = total = 0
    for _ev_, name, cell, _where in _cells(report):
        if name in VALUE_FIELDS and cell.page in pages and any(ch.isdigit() for ch in cell.text):
            total += 1
            with_comma += "," in cell.text
    return total >= 10 and with_comma >= DECIMAL_SHARE * total


def _shown(text: str) -> str:
    """The value as the message shows it: the cell's text, or the figures of a line of running text (those with a
    decimal comma or a per cent sign, else every token with a digit)."""
    flat = " ".join(text.split())
    if len(flat) <= 24:
        return flat
    tokens = [t.strip(".;:") for t in flat.split() if any(ch.isdigit() for ch in t)]
    figures = [t for t in tokens if "," in t or "%" in t] or tokens
    return " ".join(figures)[:40] or flat[:40]


def apply_confidence(report: Report, page_chars: dict[int, list]) -> int:
    """Set ``Cell.confidence`` on every cell read from a scanned page and add an ``ocr_uncertain`` reading problem
    for every number that cannot be trusted. ``page_chars``: the characters of each scanned page. Returns how
    many numbers were flagged."""
    if not page_chars:
        return 0
    pages = {n: PageChars(chars) for n, chars in page_chars.items()}
    for issue in report.issues:
        # on a scan a header lacking a column or a value in the wrong column may as well be a misreading: what
        # the tool cannot tell from a misprint is a reading problem, never an error of the report
        if issue.page in pages and issue.origin == "report":
            issue.origin = "reader"
            issue.detail.setdefault("scanned", True)
    flagged = 0
    seen: set[tuple[int, tuple]] = set()
    decimals = _prints_decimals(report, pages)
    for _ev_, name, cell, where in _cells(report):
        chars = []
        for page, box in cell.pieces():
            if page in pages and box is not None:
                chars.extend(pages[page].inside(box))
        if not chars:
            continue
        numeric = name in NUMERIC_FIELDS and any(ch.isdigit() for ch in cell.text)
        if numeric:  # a figure inside a line of text (the overall rate): the confidence of its own characters
            chars = [c for c in chars if c.text in _NUMBER_CHARS] or chars
        cell.confidence = round(min(c.conf for c in chars), 1)
        if not numeric:
            continue
        why = number_problem(cell.text)
        if why is None and decimals and name in VALUE_FIELDS and "," not in cell.text:
            why = "decimal"  # the report prints its figures with a decimal comma: this one's may be lost
        if why is None and cell.confidence >= LOW_CONFIDENCE:
            continue
        key = (cell.page, tuple(cell.bbox or ()))
        if key in seen:
            continue
        seen.add(key)
        flagged += 1
        amac, hedef, ph, item, period = where
        report.issues.append(StructureIssue(
            "ocr_uncertain", cell.page, cell.bbox, amac, hedef, ph, item, period,
            detail={"text": _shown(cell.text), "confidence": int(cell.confidence),
                    "why": why or "confidence", "field": name}))
    return flagged

