"""The page frame: the one coordinate system in which everything read from a page is given.

A PDF page has its own geometry: a MediaBox (not always starting at 0, 0), a CropBox inside it (what a viewer
shows), and a ``/Rotate`` by which the viewer turns the page clockwise. Each engine reports positions in its
own space (PDFium and pdfminer: PDF user space, y up). This module defines the frame every page source hands
on, and the mappings into and out of it; nothing else in the package does page geometry.

**The frame**: the MediaBox turned clockwise by a quarter-turn multiple ``turn`` so that the page's text reads
left to right; origin at the top-left corner, ``x`` to the right, ``y`` down, in points. It is the page as its
producer laid it out, whatever part of it the CropBox shows: a crop (print marks, a cropped scan, pages
cropped by hand, each differently) moves nothing, so a table continued on the next page keeps its columns. The
turn is chosen by the text, not by ``/Rotate``:

- the usual page (portrait content, no rotation) and the landscape table drawn sideways on a portrait sheet
  and displayed upright by ``/Rotate 90`` or ``270``: the frame is the page as the viewer shows it;
- content that reads upright in PDF user space on a page that also carries a ``/Rotate`` (the viewer shows it
  sideways): the frame is the unrotated page, where the text reads.

Either way the reader sees the table upright, so rows, columns and page bottoms are the same whatever the
page boxes and rotation. A page without text (a scan) takes the viewer's orientation.

Out of the frame: ``user_rect``/``user_quad`` give PDF user space (annotations); ``render`` draws the page in
the frame (the CropBox's part of it, as PDFium renders it, turned with ``render_rotation`` and placed where it
lies in the frame), so that a frame point times the scale is the pixel (evidence crops, the debug picture).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

Rect = tuple[float, float, float, float]


def _box(values) -> Rect:
    x0, y0, x1, y1 = (float(v) for v in values)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def visible_box(mediabox, cropbox=None) -> Rect:
    """The CropBox clipped to the MediaBox (PDF 32000 §14.11.2), or the MediaBox when there is none or they
    do not overlap."""
    media = _box(mediabox)
    if cropbox is None:
        return media
    crop = _box(cropbox)
    x0, y0 = max(media[0], crop[0]), max(media[1], crop[1])
    x1, y1 = min(media[2], crop[2]), min(media[3], crop[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else media


def quarter(degrees: float) -> int:
    """A rotation in degrees as 0, 90, 180 or 270 (``/Rotate`` may be negative or above 360)."""
    return int(round(float(degrees) / 90.0)) % 4 * 90


def text_turn(a: float, b: float) -> int:
    """The turn that makes text whose baseline runs along (a, b) in user space (y up) read left to right:
    along +x 0, up the page 90, along -x 180, down the page 270."""
    return quarter(math.degrees(math.atan2(b, a)))


def choose_turn(turns: Iterable[int], rotate: int) -> int:
    """The frame's turn for a page: the direction most of its characters run in; ``rotate`` (the viewer's
    orientation) when there is no text or when it ties for the most."""
    votes = Counter(turns)
    if not votes:
        return rotate
    best = max(votes.values())
    if votes.get(rotate, 0) == best:
        return rotate
    return min(t for t, v in votes.items() if v == best)


@dataclass(frozen=True, slots=True)
class PageFrame:
    box: Rect  # the MediaBox in PDF user space, y up
    rotate: int = 0  # the page's /Rotate: the viewer turns the page clockwise by this
    turn: int = 0  # the frame is ``box`` turned clockwise by this (chosen so that the text reads upright)
    crop: Rect | None = None  # the visible box (CropBox within the MediaBox), when it is not the MediaBox

    @property
    def visible(self) -> Rect:
        """The visible part of the page (the CropBox) as a frame box."""
        return self.rect(*self.crop) if self.crop else (0.0, 0.0, self.width, self.height)

    @property
    def width(self) -> float:
        w, h = self.box[2] - self.box[0], self.box[3] - self.box[1]
        return h if self.turn in (90, 270) else w

    @property
    def height(self) -> float:
        w, h = self.box[2] - self.box[0], self.box[3] - self.box[1]
        return w if self.turn in (90, 270) else h

    def affine(self, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float, float, float, float, float]:
        """(a, b, c, d, e, f) with frame x = a*x + c*y + e, frame y = b*x + d*y + f for a point (x, y) of PDF
        user space shifted by (-dx, -dy) (an engine whose space starts at the MediaBox origin passes it)."""
        x0, y0, x1, y1 = self.box
        w, h = x1 - x0, y1 - y0
        # (u, v): the unturned box, origin top-left, y down: u = x - x0, v = y1 - y
        if self.turn == 0:  # (u, v)
            a, b, c, d, e, f = 1.0, 0.0, 0.0, -1.0, -x0, y1
        elif self.turn == 90:  # (h - v, u)
            a, b, c, d, e, f = 0.0, 1.0, 1.0, 0.0, h - y1, -x0
        elif self.turn == 180:  # (w - u, h - v)
            a, b, c, d, e, f = -1.0, 0.0, 0.0, 1.0, w + x0, h - y1
        else:  # 270: (v, w - u)
            a, b, c, d, e, f = 0.0, -1.0, -1.0, 0.0, y1, w + x0
        # shifted input: x = x' + dx, y = y' + dy
        return (a, b, c, d, e + a * dx + c * dy, f + b * dx + d * dy)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point of PDF user space in the frame."""
        a, b, c, d, e, f = self.affine()
        return (a * x + c * y + e, b * x + d * y + f)

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> Rect:
        """A rectangle of PDF user space (any two opposite corners) as a frame box (x0, top, x1, bottom)."""
        p, q = self.point(x0, y0), self.point(x1, y1)
        return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))

    def user_point(self, fx: float, fy: float) -> tuple[float, float]:
        """A frame point in PDF user space (the inverse of ``point``)."""
        a, b, c, d, e, f = self.affine()
        # the linear part is a signed permutation: its inverse is its transpose
        u, v = fx - e, fy - f
        return (a * u + b * v, c * u + d * v)

    def user_rect(self, rect: Rect) -> Rect:
        """A frame box as a rectangle of PDF user space (llx, lly, urx, ury), as annotations need it."""
        p, q = self.user_point(rect[0], rect[1]), self.user_point(rect[2], rect[3])
        return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))

    def user_quad(self, rect: Rect) -> tuple[float, ...]:
        """A frame box as annotation QuadPoints in PDF user space: its top-left, top-right, bottom-left and
        bottom-right corners as the text reads (viewers draw a highlight's rounded ends from this order)."""
        x0, top, x1, bottom = rect
        out: list[float] = []
        for fx, fy in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)):
            out.extend(self.user_point(fx, fy))
        return tuple(out)

    @property
    def render_rotation(self) -> int:
        """The rotation to pass to PDFium's render (which adds it to ``/Rotate``) to draw the page in the frame:
        then a frame point times the render scale is the pixel."""
        return (self.turn - self.rotate) % 360

    def pixel_box(self, rect: Rect, scale: float) -> tuple[int, int, int, int]:
        """A frame box in the pixels of ``render`` at ``scale``, clipped to the page."""
        w, h = self.width * scale, self.height * scale
        x0, y0 = min(w, max(0.0, rect[0] * scale)), min(h, max(0.0, rect[1] * scale))
        x1, y1 = min(w, max(0.0, rect[2] * scale)), min(h, max(0.0, rect[3] * scale))
        return (int(x0), int(y0), int(math.ceil(max(x0, x1))), int(math.ceil(max(y0, y1))))

    def render(self, page, scale: float, **kwargs):
        """A pypdfium2 page drawn in the frame as a PIL image (RGB): a frame point times ``scale`` is its pixel.
        PDFium draws the CropBox; where the CropBox is smaller than the MediaBox the rest stays white, as a
        viewer would not show it either."""
        from PIL import Image

        img = page.render(scale=scale, rotation=self.render_rotation, **kwargs).to_pil().convert("RGB")
        if not self.crop:
            return img
        x0, y0, _, _ = self.visible
        canvas = Image.new("RGB", (max(1, round(self.width * scale)), max(1, round(self.height * scale))), "white")
        canvas.paste(img, (round(x0 * scale), round(y0 * scale)))
        return canvas


# --- PDFium ---------------------------------------------------------------------------------------------------

_SAMPLE = 64  # characters whose direction is read to choose the turn (spread over the page's text)


def pdfium_frame(page, textpage=None) -> PageFrame:
    """The frame of a pypdfium2 page; ``textpage`` (if given) is used to read the text direction."""
    import pypdfium2.raw as raw

    media = visible_box(page.get_mediabox())
    crop = visible_box(media, page.get_cropbox())
    rotate = quarter(page.get_rotation())
    tp = textpage if textpage is not None else page.get_textpage()
    try:
        n = tp.count_chars()
        turns = []
        if n:
            m = raw.FS_MATRIX()
            step = max(1, n // _SAMPLE)
            for i in range(0, n, step):
                if raw.FPDFText_GetMatrix(tp, i, m) and (m.a or m.b):
                    turns.append(text_turn(m.a, m.b))
    finally:
        if textpage is None:
            tp.close()
    return PageFrame(media, rotate, choose_turn(turns, rotate), None if crop == media else crop)


def pdfium_frames(pdf, pages: Iterable[int]) -> dict[int, PageFrame]:
    """Frames of the given 1-based pages of an open pypdfium2 document."""
    out: dict[int, PageFrame] = {}
    for n in pages:
        if 1 <= n <= len(pdf):
            page = pdf[n - 1]
            try:
                out[n] = pdfium_frame(page)
            finally:
                page.close()
    return out
