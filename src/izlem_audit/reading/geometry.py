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

Out of the frame: ``user_rect``/``user_quad`` give PDF user space (annotations); ``render`` draws a box of the
page in the frame (the CropBox's part of it, as PDFium renders it, turned with ``render_rotation`` and placed
where it lies in the frame), so that frame points map to pixels by one offset and scale (evidence crops, the
debug picture).
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

    def render(self, page, scale: float, box: Rect | None = None, **kwargs):
        """``box`` (frame points; the whole page if None) of a pypdfium2 page drawn in the frame, as a PIL image
        (RGB) whose pixel (0, 0) is the box's top-left corner: a frame point ``p`` is at ``(p - corner) *
        scale``. PDFium draws the CropBox, turned by ``render_rotation`` and cut to the box after the turn, so
        only what is needed is rasterised; what lies outside the CropBox stays white, as a viewer shows it."""
        from PIL import Image

        bx0, by0, bx1, by1 = box if box is not None else (0.0, 0.0, self.width, self.height)
        size = (max(1, round((bx1 - bx0) * scale)), max(1, round((by1 - by0) * scale)))
        vx0, vy0, vx1, vy1 = self.visible
        ix0, iy0, ix1, iy1 = max(bx0, vx0), max(by0, vy0), min(bx1, vx1), min(by1, vy1)
        if ix1 <= ix0 or iy1 <= iy0:
            return Image.new("RGB", size, "white")
        # pypdfium2's crop: points cut off the rendered (turned) CropBox's left, bottom, right and top
        crop = (ix0 - vx0, vy1 - iy1, vx1 - ix1, iy0 - vy0)
        img = page.render(scale=scale, rotation=self.render_rotation, crop=crop, **kwargs).to_pil().convert("RGB")
        if (ix0, iy0, ix1, iy1) == (bx0, by0, bx1, by1) and img.size == size:
            return img
        out = Image.new("RGB", size, "white")
        out.paste(img, (round((ix0 - bx0) * scale), round((iy0 - by0) * scale)))
        return out


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
