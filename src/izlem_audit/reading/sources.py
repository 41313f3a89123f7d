"""Page sources: a PDF page -> ``PageContent`` (characters with boxes, ruling segments).

``pdfplumber`` (pdfminer.six underneath) is the reference engine. Every source yields the same plain data, so
the grid builder and everything after it do not depend on the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .geometry import PageFrame, choose_turn, quarter, text_turn, visible_box
from .page import Char, PageContent, Segment

THIN = 2.0  # points: a filled rectangle thinner than this is a ruling line


_LIGATURES = ("ff", "fi", "fl", "ffi", "ffl", "st", "st")


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


def _plumber_frame(page: Any) -> tuple[PageFrame, tuple[float, float]]:
    """The page frame, and the origin of the space pdfminer lays the page out in.

    pdfminer turns its output by ``/Rotate`` (so that characters of a page displayed sideways come out
    non-upright) and pdfplumber shifts some coordinates by a box corner that depends on the rotation. The page
    is therefore laid out unrotated (``rotate = 0`` on pdfminer's page object, before the first access to its
    objects): pdfminer's space is then PDF user space moved to the MediaBox's first corner, and the frame
    (``geometry``) is applied here as in every source.
    """
    obj = page.page_obj
    obj.rotate = 0
    mx, my = float(obj.mediabox[0]), float(obj.mediabox[1])
    media = visible_box(obj.mediabox)
    crop = visible_box(media, obj.cropbox)
    rotate = quarter(page.rotation)
    turns = [text_turn(c["matrix"][0], c["matrix"][1]) for c in page.chars if c.get("matrix")]
    return PageFrame(media, rotate, choose_turn(turns, rotate), None if crop == media else crop), (mx, my)


def _plumber_page(page: Any, number: int) -> PageContent:
    frame, (mx, my) = _plumber_frame(page)
    a, b, c, d, e, f = frame.affine(mx, my)
    # pdfplumber reports ``x`` shifted by its MediaBox's left edge and ``y0``/``y1`` as pdfminer gives them;
    # curve points through ``point2coord`` (x shifted, y flipped within its page height): undone here
    sx, stop, sh = float(page.mediabox[0]), float(page.mediabox[1]), float(page.height)

    def pt(x: float, y: float) -> tuple[float, float]:
        return (a * x + c * y + e, b * x + d * y + f)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        p, q = pt(x0, y0), pt(x1, y1)
        return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))

    chars = []
    for ch in page.chars:
        m = ch.get("matrix")
        if not m or text_turn(m[0], m[1]) != frame.turn or m[0] * m[3] - m[1] * m[2] <= 0:
            continue  # upright in the frame only (as pdfminer's ``upright`` on an unturned page)
        x0, top, x1, bottom = box(float(ch["x0"]) - sx, float(ch["y0"]), float(ch["x1"]) - sx, float(ch["y1"]))
        text = ch["text"]
        if "\ufb00" <= text <= "\ufb06":  # a typographic ligature (Chromium prints "ﬁ"): its letters, as PDFium
            text = _LIGATURES[ord(text) - 0xFB00]
        chars.append(Char(text, x0, top, x1, bottom, float(ch.get("size") or 0.0),
                          _is_bold(ch.get("fontname") or "")))
    segments: list[Segment] = []
    for ln in page.lines:
        raw_pts = ln.get("pts") or [(ln["x0"], ln["top"]), (ln["x1"], ln["bottom"])]
        pts = [pt(float(x) - sx, stop + sh - float(y)) for x, y in raw_pts]
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            if abs(ay - by) < 0.5 or abs(ax - bx) < 0.5:  # axis-parallel pieces only
                segments.append(Segment(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    for r in page.rects:
        segments.extend(rect_segments(*box(float(r["x0"]) - sx, float(r["y0"]), float(r["x1"]) - sx, float(r["y1"]))))
    return PageContent(number, frame.width, frame.height, chars, segments)


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
