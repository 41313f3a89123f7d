"""A page source on pypdfium2 (PDFium): character boxes from the text page, ruling lines from path objects.

PDFium parses a page about ten times faster than pdfminer, which pdfplumber is built on. This source yields
the same ``PageContent`` as the pdfplumber one; the tests compare the two engines cell by cell.
"""

from __future__ import annotations

import ctypes
from array import array
from itertools import repeat
from pathlib import Path

from ..guard import PAGE_LIMITS, PageTooLarge, check_chars, check_page, check_objects
from .geometry import PageFrame, pdfium_frame
from .page import Char, PageContent, Segment
from .sources import rect_segments

class _Api:
    """The PDFium functions of the hot loops, declared again with plain addresses for arguments and results.

    pypdfium2's bindings type every handle (``LP_fpdf_pageobject_t__``…): each call checks and converts its
    arguments and builds a typed pointer object for the result, which costs more than the call itself on a page
    of 3 000 objects and 3 500 characters. The same functions, from the same loaded library, declared with
    ``c_void_p`` arguments take and give ints (a NULL handle is ``None``). Out-parameters are passed as the
    addresses of buffers read back in one go (``memoryview.tolist``).
    """

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        P, I = ctypes.c_void_p, ctypes.c_int  # noqa: N806

        def declare(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

        self.page_object = declare(raw.FPDFPage_GetObject, P, P, I)
        self.object_type = declare(raw.FPDFPageObj_GetType, I, P)
        self.bounds = declare(raw.FPDFPageObj_GetBounds, I, P, P, P, P, P)
        self.matrix = declare(raw.FPDFPageObj_GetMatrix, I, P, P)
        self.stroke_width = declare(raw.FPDFPageObj_GetStrokeWidth, I, P, P)
        self.form_count = declare(raw.FPDFFormObj_CountObjects, I, P)
        self.form_object = declare(raw.FPDFFormObj_GetObject, P, P, ctypes.c_ulong)
        self.draw_mode = declare(raw.FPDFPath_GetDrawMode, I, P, P, P)
        self.count_segments = declare(raw.FPDFPath_CountSegments, I, P)
        self.segment = declare(raw.FPDFPath_GetPathSegment, P, P, I)
        self.segment_type = declare(raw.FPDFPathSegment_GetType, I, P)
        self.segment_point = declare(raw.FPDFPathSegment_GetPoint, I, P, P, P)
        self.segment_close = declare(raw.FPDFPathSegment_GetClose, I, P)
        self.loose_char_box = declare(raw.FPDFText_GetLooseCharBox, I, P, I, P)


_API: _Api | None = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _chars(page, tp, frame: PageFrame) -> list[Char]:
    """Characters in the page frame (PDFium's boxes are in PDF user space).

    Every character of the report passes here once, so the loop does the least per character: the text is
    read in one call, every box in one C-level pass (``map`` over the declared function, each box written
    into its slot of one buffer), the buffer read back in one call, and the frame's corners ordered by
    comparisons (no min/max calls); on an upright page whose frame only moves and flips y (nearly every
    page) the corners are taken without the full affine map, which gives the same floats.
    """
    import pypdfium2.raw as raw

    ma, mb, mc, md, me, mf = frame.affine()
    try:
        n = tp.count_chars()
        check_chars(n)  # hostile input: counted before any Python object is built (guard.py)
        if n <= 0:
            return []
        text: str | list[str] = tp.get_text_range(0, n)
        if len(text) != n:
            # get_text_range may expand or drop characters (ligatures, CR/LF): read them one by one then
            get_unicode = raw.FPDFText_GetUnicode
            text = [chr(code) if code else "" for code in map(get_unicode, repeat(tp, n), range(n))]
        # n FS_RECTFs (left, top, right, bottom) in a plain float array: a ctypes array type made for each page's
        # length would be a new type object, freed only by the cyclic collector
        boxes = array("f", bytes(16 * n))
        base = boxes.buffer_info()[0]
        # the loose box spans the glyph's advance width (as pdfminer's does), so word gaps measure alike;
        # its height stands for the font size (one call per character, as the floor pays)
        found = list(map(_api().loose_char_box, repeat(_address(tp.raw), n), range(n), range(base, base + 16 * n, 16)))
        v = boxes.tolist()
        out: list[Char] = []
        append = out.append
        # an upright page whose frame only moves and flips y (nearly every page): the corners without the full
        # affine map, which gives the same floats
        upright = frame.turn == 0 and mb == 0 and mc == 0 and ma == 1 and md == -1
        # PDFium splits a ligature's box ("ﬁ" -> "f", "i") into equal parts along user-space x, whatever the
        # text's direction: on a page whose text runs along y (a landscape table turned onto a portrait sheet)
        # the parts stack across the line. They are found (consecutive, same y-range, abutting in x, which
        # consecutive characters of such text never are) and split again along the text in the frame.
        sideways = frame.turn in (90, 270)
        prev: tuple[float, float, float] | None = None  # the previous kept character's bottom, top, right
        runs: list[list[int]] = []  # indices in ``out`` of the parts of one glyph
        for ch, ok, k in zip(text, found, range(0, 4 * n, 4)):
            if not ok or not ch:
                continue
            if ch in "\r\n\ufffe\x02":
                if ch == "\r" or ch == "\n":
                    continue
                ch = "-"  # PDFium's mark for a hyphen that ends a line
            x0, ut, x1, ub = v[k], v[k + 1], v[k + 2], v[k + 3]
            if x1 <= x0 and ch.isspace():
                continue
            if upright:
                ax, bx, ay, by = x0 + me, x1 + me, mf - ub, mf - ut
            else:  # the box's corners in the frame (a quarter turn swaps the axes)
                ax, ay = ma * x0 + mc * ub + me, mb * x0 + md * ub + mf
                bx, by = ma * x1 + mc * ut + me, mb * x1 + md * ut + mf
            if by < ay:
                ay, by = by, ay
            if sideways:
                if prev is not None and abs(ub - prev[0]) < 0.01 and abs(ut - prev[1]) < 0.01 \
                        and abs(x0 - prev[2]) < 0.01:
                    if runs and runs[-1][-1] == len(out) - 1:
                        runs[-1].append(len(out))
                    else:
                        runs.append([len(out) - 1, len(out)])
                prev = (ub, ut, x1)
            if bx < ax:
                append(Char(ch, bx, ay, ax, by, (by - ay) * 0.8, False))
            else:
                append(Char(ch, ax, ay, bx, by, (by - ay) * 0.8, False))
        for run in runs:
            parts = [out[k] for k in run]
            x0f, x1f = min(c.x0 for c in parts), max(c.x1 for c in parts)
            top, bot = min(c.top for c in parts), max(c.bottom for c in parts)
            w = (x1f - x0f) / len(parts)
            for k, c in enumerate(parts):
                c.x0, c.x1, c.top, c.bottom, c.size = x0f + k * w, x0f + (k + 1) * w, top, bot, (bot - top) * 0.8
        return out
    finally:
        tp.close()


MIN_EXTENT = 2.0  # points: a path whose bounds are smaller both ways cannot hold a ruling line (grid.MIN_LEN)
THIN = 2.0  # points: a path thinner than this one way is a ruling line along the other (sources.THIN)


def _segments(page, frame: PageFrame) -> list[Segment]:
    """Ruling lines in the page frame, read through PDFium's raw API without a Python object per page object.

    Browsers draw every cell border as its own small path and every run of text as its own text object (a
    hundred thousand objects on a 35-page report). Each path is first looked at by its bounds alone (one
    call): too small both ways, it is skipped; thin one way and drawn as one line or one rectangle (two to
    five path segments), it is a ruling line taken from its bounds (a stroked one shrunk by half its line
    width to the path itself); anything else has its points read (``_path_points``). Form XObjects are
    entered (their matrix composed with their objects'), four deep.

    The same walk is the hostile-input guard's count (guard.py): the page's own objects are counted before
    any is read (``page_content``), and a form's objects are added to the count before the form is entered,
    so no more than the limit is ever read; past it, ``guard.check_page`` raises with its own count.
    """
    import pypdfium2.raw as raw

    fa = frame.affine()
    out: list[Segment] = []
    api = _api()
    box = (ctypes.c_float * 4)()  # left, bottom, right, top
    box_values = memoryview(box).cast("B").cast("f").tolist
    at = ctypes.addressof(box)
    pl, pb, pr_, pt = at, at + 4, at + 8, at + 12
    sw = ctypes.c_float()
    psw = ctypes.addressof(sw)
    modes = (ctypes.c_int * 2)()  # fill, stroke
    pfill, pstroke = ctypes.addressof(modes), ctypes.addressof(modes) + ctypes.sizeof(ctypes.c_int)
    matrix = raw.FS_MATRIX()
    pmatrix = ctypes.addressof(matrix)
    PATH, FORM, MOVETO = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_SEGMENT_MOVETO
    get_type, get_bounds, count_segs = api.object_type, api.bounds, api.count_segments
    get_seg, seg_type = api.segment, api.segment_type
    ma, mb, mc, md, me, mf = fa
    page_handle = page.raw
    limit = PAGE_LIMITS.get().max_objects
    count = [raw.FPDFPage_CountObjects(page_handle)]  # the objects counted so far (the page's own: checked before)

    def enter(obj: int, m: tuple | None, depth: int) -> None:
        """Count a form's objects, then read them."""
        k = api.form_count(obj)
        count[0] += max(k, 0)
        if count[0] > limit:
            check_page(page)  # raises with the guard's own count of the whole page
            raise PageTooLarge("objects", count[0], limit)
        api.matrix(obj, pmatrix)
        fm = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        walk([api.form_object(obj, i) for i in range(k)], fm if m is None else _compose(fm, m), depth + 1)

    def walk(objs, m: tuple | None, depth: int) -> None:
        for obj in objs:
            kind = get_type(obj)
            if kind != PATH:
                if kind == FORM and depth < 4:
                    enter(obj, m, depth)
                continue
            if m is None:  # top level: bounds are in page space
                if not get_bounds(obj, pl, pb, pr_, pt):
                    continue
                x0, y0, x1, y1 = box_values()
                w, h = x1 - x0, y1 - y0
                if w < MIN_EXTENT and h < MIN_EXTENT:
                    continue
                if w <= THIN or h <= THIN:
                    n = count_segs(obj)
                    simple = n == 2 or n == 5 or (n == 4 and seg_type(get_seg(obj, 2)) != MOVETO)
                    if simple and seg_type(get_seg(obj, 0)) == MOVETO:
                        if api.draw_mode(obj, pfill, pstroke) and modes[1] and \
                                api.stroke_width(obj, psw) and sw.value > 0:
                            half = sw.value / 2  # the bounds include the stroke: back to the path itself
                            if w <= THIN:
                                y0, y1 = y0 + half, y1 - half
                                if h > THIN or y1 <= y0:
                                    x0 = x1 = (x0 + x1) / 2
                            if h <= THIN:
                                x0, x1 = x0 + half, x1 - half
                                y0 = y1 = (y0 + y1) / 2
                        p = (ma * x0 + mc * y0 + me, mb * x0 + md * y0 + mf)
                        q = (ma * x1 + mc * y1 + me, mb * x1 + md * y1 + mf)
                        out.extend(rect_segments(min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
                                   if (x0 != x1 and y0 != y1) else [Segment(min(p[0], q[0]), min(p[1], q[1]),
                                                                            max(p[0], q[0]), max(p[1], q[1]))])
                        continue
            api.matrix(obj, pmatrix)
            om = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            _path_points(obj, om if m is None else _compose(om, m), fa, out)

    ph = _address(page_handle)
    try:
        walk(map(api.page_object, repeat(ph, count[0]), range(count[0])), None, 0)
    finally:
        # ``walk`` and ``enter`` refer to each other: a reference cycle that would hold the page's segments until
        # the cyclic collector runs; emptied, everything goes as soon as the page is read
        walk = enter = None  # type: ignore[assignment]  # noqa: F841
    return out


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix of ``inner`` followed by ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_points(h: int, m: tuple, fa: tuple, out: list[Segment]) -> None:
    """A path read point by point: its axis-parallel pieces, a closed rectangle as its four sides."""
    import pypdfium2.raw as raw

    api = _api()
    ma, mb, mc, md, me, mf = fa
    a, b_, c, d, e, f = m
    xy = (ctypes.c_float * 2)()
    point = memoryview(xy).cast("B").cast("f").tolist
    px, py = ctypes.addressof(xy), ctypes.addressof(xy) + 4
    n = api.count_segments(h)
    if n <= 0:
        return
    pts: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    polylines: list[list[tuple[float, float]]] = []
    MOVETO = raw.FPDF_SEGMENT_MOVETO
    for k in range(n):
        seg = api.segment(h, k)
        api.segment_point(seg, px, py)
        fx, fy = point()
        x = a * fx + c * fy + e
        y = b_ * fx + d * fy + f
        p = (ma * x + mc * y + me, mb * x + md * y + mf)
        if api.segment_type(seg) == MOVETO:
            if len(pts) > 1:
                polylines.append(pts)
            pts = [p]
            start = p
        else:
            pts.append(p)
        if api.segment_close(seg) and start is not None:
            pts.append(start)
    if len(pts) > 1:
        polylines.append(pts)
    for poly in polylines:
        xs = [q[0] for q in poly]
        ys = [q[1] for q in poly]
        axis = all(abs(p1[0] - p2[0]) < 0.5 or abs(p1[1] - p2[1]) < 0.5 for p1, p2 in zip(poly, poly[1:]))
        closed = len(poly) == 5 and abs(poly[0][0] - poly[-1][0]) < 0.5 and abs(poly[0][1] - poly[-1][1]) < 0.5
        if axis and closed and max(xs) > min(xs) and max(ys) > min(ys):
            # a rectangle: a thin filled one is a ruling line, a larger one four sides
            out.extend(rect_segments(min(xs), min(ys), max(xs), max(ys)))
            continue
        for (x0, y0), (x1, y1) in zip(poly, poly[1:]):
            if abs(y0 - y1) < 0.5 or abs(x0 - x1) < 0.5:
                out.append(Segment(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))


def page_content(pdf, number: int) -> PageContent:
    import pypdfium2.raw as raw

    page = pdf[number - 1]
    try:
        # hostile input: the page's objects are counted before any is read (guard.py), a form's before it is
        # entered (in _segments' walk, which runs before the characters are read, as the guard's check did)
        check_objects(raw.FPDFPage_CountObjects(page.raw))
        tp = page.get_textpage()
        frame = pdfium_frame(page, tp)
        segs = _segments(page, frame)
        chars = _chars(page, tp, frame)
        return PageContent(number, frame.width, frame.height, chars, segs)
    finally:
        page.close()


class PdfiumSource:
    """Random access to pages through PDFium.

    PDFium keeps what it parsed (fonts, object streams) for the life of the document; on a long report that
    grows with the page count. The document is therefore reopened every ``REOPEN_EVERY`` pages, which keeps
    memory flat whatever the length (the parse cost of reopening is a few milliseconds).
    """

    REOPEN_EVERY = 25

    def __init__(self, path: Path, password: str | None = None) -> None:
        self.path, self.password = path, password
        self.pdf = self._open()
        self.served = 0

    def _open(self):
        import pypdfium2 as pdfium

        return pdfium.PdfDocument(str(self.path), password=self.password)

    def page(self, n: int) -> PageContent:
        self.served += 1
        if self.served % self.REOPEN_EVERY == 0:
            self.pdf.close()
            self.pdf = self._open()
        return page_content(self.pdf, n)

    def close(self) -> None:
        self.pdf.close()
