"""Page sources: a PDF page -> ``PageContent`` (characters with boxes, ruling segments).

``pdfplumber`` (pdfminer.six underneath) is the reference engine. Every source yields the same plain data, so
the grid builder and everything after it do not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .page import Char, PageContent, Segment

THIN = 2.0  # points: a filled rectangle thinner than this is a ruling line


def rect_segments(x0: float, top: float, x1: float, bottom: float) -> list[Segment]:
    """A rectangle as ruling segments: a thin one is one line, a larger one its four sides."""
    w, h = x1 - x0, bottom - top
    if w <= THIN and h <= THIN:
        return []
    if h <= THIN:
        y = (top + bottom) / 2
        return [Segment(x0, y, x1, y)]
    if w <= THIN:
        x = (x0 + x1) / 2
        return [Segment(x, top, x, bottom)]
    return [
        Segment(x0, top, x1, top),
        Segment(x0, bottom, x1, bottom),
        Segment(x0, top, x0, bottom),
        Segment(x1, top, x1, bottom),
    ]


def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return "bold" in f or "black" in f or "heavy" in f or f.endswith(",b")


def _plumber_page(page: Any, number: int) -> PageContent:
    chars = [
        Char(c["text"], float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]),
             float(c.get("size") or 0.0), _is_bold(c.get("fontname") or ""))
        for c in page.chars
        if c.get("upright", True)
    ]
    segments: list[Segment] = []
    for ln in page.lines:
        pts = ln.get("pts") or [(ln["x0"], ln["top"]), (ln["x1"], ln["bottom"])]
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            if abs(ay - by) < 0.5 or abs(ax - bx) < 0.5:  # axis-parallel pieces only
                segments.append(Segment(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    for r in page.rects:
        segments.extend(rect_segments(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])))
    return PageContent(number, float(page.width), float(page.height), chars, segments)


def iter_pages_pdfplumber(path: Path, password: str | None = None, pages: list[int] | None = None) -> Iterator[PageContent]:
    """Yield each page's content; pages are released after use so memory stays flat on long reports."""
    import pdfplumber

    with pdfplumber.open(str(path), password=password or "") as pdf:
        numbers = pages or list(range(1, len(pdf.pages) + 1))
        for n in numbers:
            page = pdf.pages[n - 1]
            try:
                yield _plumber_page(page, n)
            finally:
                page.close()


class PlumberSource:
    """Random access to pages through pdfplumber (pages are closed after use, so memory stays flat)."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        import pdfplumber

        self.pdf = pdfplumber.open(str(path), password=password or "")

    def page(self, n: int) -> PageContent:
        page = self.pdf.pages[n - 1]
        try:
            return _plumber_page(page, n)
        finally:
            page.close()

    def close(self) -> None:
        self.pdf.close()
