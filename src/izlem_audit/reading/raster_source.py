"""A page source for scanned pages: table rules found in the image, words read by OCR (issue 15).

A scanned page has no text layer and no vector rules: it is one image. This source gives the same
``PageContent`` as the vector sources, so the grid and layout readers are those of born-digital PDFs:

1. **Render** the page (PDFium) at the scan's own resolution (the image's pixels per inch as placed on the
   page), clamped to ``MIN_DPI``..``MAX_DPI``; a page is a scan when its visible content is an image covering
   most of the page and no visible text (``is_scanned``).
2. **Deskew**: the long horizontal rules (morphological opening with a long thin kernel, as camelot's lattice
   does) are fitted one by one; the median of their angles is the skew. A page without rules is measured on its
   text lines instead (the angle whose row profile is sharpest). The image is turned back about its centre.
3. **Rules**: horizontal and vertical openings of the binarised image; each connected piece is a ``Segment``
   in the page frame (pixels × 72 / dpi), slightly lengthened so that lines broken by blur or JPEG still cross.
4. **Words**: the rules are whitened out and Tesseract (``ocr.py``) reads the page; each word's box is split
   into character boxes in proportion, and every ``Char`` carries the word's confidence (0–100).
5. **Numbers again**: each word that looks like a number is read once more on its own crop with a digit
   whitelist (``0-9 , . % -``) and page-segmentation mode 7 (one line); the reading with the better confidence
   is kept (``ocr.reread_numbers``).

The frame: a scan has no text to orient it, so its frame is the page as a viewer shows it (``geometry.py``), which
is what PDFium renders; pixels map to frame points by the render scale alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .geometry import pdfium_frame
from .page import Char, PageContent, Segment

MIN_DPI = 200
MAX_DPI = 400
UPSCALE = 1.5
DEFAULT_DPI = 200
RULE_MIN_IN = 0.15  # inches: the shortest vertical rule found (a one-line row is about 0.16 in tall; a 14-point
# capital is 0.14 in)
RULE_MAX_PT = 1.5  # points: the thickest stroke taken for a rule (a bold 10-point stem is about 1.4)
MISSED_CONF = 40.0  # a word read from ink the page pass skipped is kept from this confidence up
COVER = 0.2  # an image covering at least this share of the page makes it a scan (with no visible text)


@dataclass
class RasterPage:
    """What the raster reader saw on one page, kept for ``debug`` and for the confidence of the model's cells."""

    number: int
    dpi: float
    skew: float  # degrees the scan was turned back by
    width: float = 0.0  # the page frame, points
    height: float = 0.0
    words: list = field(default_factory=list)  # ocr.Word, in the page frame (points)
    segments: list[Segment] = field(default_factory=list)
    ocr_seconds: float = 0.0
    other_seconds: float = 0.0


def is_scanned(page) -> tuple[bool, float]:
    """(whether the page is a scan, the scan's resolution in dpi): its visible content is an image covering at least
    ``COVER`` of the page, and no text is drawn visibly (an OCR text layer drawn invisibly, as OCRmyPDF
    adds it, does not count: that page still has its rules only as pixels)."""
    import pypdfium2.raw as raw

    w, h = page.get_size()
    area = max(w * h, 1.0)
    best, dpi = 0.0, 0.0
    visible_text = 0
    for obj in page.get_objects(max_depth=2):
        kind = obj.type
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            if raw.FPDFTextObj_GetTextRenderMode(obj.raw) != raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                visible_text += 1
                if visible_text > 3:
                    return False, 0.0
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            l, b, r, t = obj.get_bounds()
            cover = max(0.0, r - l) * max(0.0, t - b) / area
            if cover > best:
                best = cover
                try:
                    meta = obj.get_metadata()
                    dpi = float(meta.horizontal_dpi or 0.0)
                except Exception:  # noqa: BLE001 - a broken image: the resolution is guessed
                    dpi = 0.0
    return best >= COVER and visible_text <= 3, dpi


def render_dpi(scan_dpi: float) -> int:
    """The resolution to read at: the scan's own enlarged by ``UPSCALE`` (Tesseract reads 8-point print far
    better at 300 dpi than at 200: on the fixtures' 200-dpi scans the lone digits and the ``3``/``6`` month cells
    were lost at 200 and read at 300), within ``MIN_DPI``..``MAX_DPI``."""
    if not scan_dpi or not math.isfinite(scan_dpi):
        scan_dpi = DEFAULT_DPI
    return int(round(min(MAX_DPI, max(MIN_DPI, scan_dpi * UPSCALE))))


MAX_PIXELS = 40_000_000  # the largest page image read (an A3 page at 400 dpi is 31 million pixels)


def bounded_dpi(dpi: int, width: float, height: float) -> int:
    """``dpi`` lowered so that the page's image stays within ``MAX_PIXELS`` (a hostile or poster-sized page must
    not make a gigapixel image); at least 1."""
    pixels = (width * dpi / 72.0) * (height * dpi / 72.0)
    if pixels <= MAX_PIXELS:
        return dpi
    return max(1, int(dpi * math.sqrt(MAX_PIXELS / pixels)))


def _binary(grey):
    import cv2

    # dark on light: ink becomes 255; the adaptive threshold ignores a stain's slow shading
    return cv2.adaptiveThreshold(255 - grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -8)


def _line_masks(bw, dpi: float, vertical_in: float = 0.3):
    """Horizontal and vertical rule masks: openings with kernels longer than a letter (0.3 inch across,
    ``vertical_in`` down)."""
    import cv2

    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, int(dpi * 0.3)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, int(dpi * vertical_in))))
    hor = cv2.morphologyEx(bw, cv2.MORPH_OPEN, hk)
    ver = cv2.morphologyEx(bw, cv2.MORPH_OPEN, vk)
    return hor, ver


def estimate_skew(grey, dpi: float) -> float:
    """The scan's skew in degrees (positive: lines fall to the right in the image), from its long rules, else
    from its text lines."""
    import cv2
    import numpy as np

    bw = _binary(grey)
    hor, _ = _line_masks(bw, dpi)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(hor, connectivity=8)
    w_img = grey.shape[1]
    angles: list[float] = []
    weights: list[float] = []
    for k in range(1, n):
        x, y, w, h, _a = stats[k]
        if w < w_img // 6 or h > w * 0.1:
            continue
        ys, xs = np.nonzero(lab[y:y + h, x:x + w] == k)
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append(math.degrees(math.atan(slope)))
        weights.append(float(w))
    if len(angles) >= 2:
        order = np.argsort(angles)
        cum = np.cumsum(np.asarray(weights)[order])
        return float(np.asarray(angles)[order][int(np.searchsorted(cum, cum[-1] / 2))])
    return _skew_from_text(bw)


def _skew_from_text(bw) -> float:
    """The angle (within ±3°) at which the rows of ink are sharpest: the text lines' slope."""
    import cv2
    import numpy as np

    small = cv2.resize(bw, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    best, best_score = 0.0, -1.0
    for a in np.arange(-3.0, 3.01, 0.1):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(a), 1.0)
        rot = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
        score = float(np.sum(np.diff(prof) ** 2))
        if score > best_score:
            best, best_score = float(a), score
    return -best


def deskew(grey, angle: float):
    """The image turned back by ``angle`` degrees about its centre (white where the turn uncovers paper)."""
    import cv2

    if abs(angle) < 0.02:
        return grey
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def flatten(grey, dpi: float):
    """The paper made white: the image divided by its background (a closing wider than any stroke), so a
    shaded header cell, a stain's inside or uneven lighting leave no edge for Tesseract to read as a letter."""
    import cv2
    import numpy as np

    k = max(9, int(dpi / 12)) | 1
    bg = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    out = grey.astype(np.float32) * 255.0 / np.maximum(bg.astype(np.float32), 1.0)
    return np.clip(out, 0, 255).astype(np.uint8)


def find_segments(grey, dpi: float) -> tuple[list[Segment], object]:
    """The ruling lines of a deskewed page image, in points, and the mask of their pixels (to whiten before OCR)."""
    import cv2

    import numpy as np

    bw = _binary(grey)
    # a rule between two rows of a one-line table is a single row tall: the kernels are shorter than that
    # (``RULE_MIN_IN``) and what they keep must also be thin (``RULE_MAX_PT``), which a letter's stem of that
    # height (a bold title's) is not
    hor, ver = _line_masks(bw, dpi, RULE_MIN_IN)
    # close the small breaks blur and JPEG leave in a line
    gap = max(3, int(dpi * 0.02))
    hor = cv2.morphologyEx(hor, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    ver = cv2.morphologyEx(ver, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    s = 72.0 / dpi
    ext = 1.5  # points added at each end: a rule that stops a pixel short of its crossing still crosses
    out: list[Segment] = []
    thick = RULE_MAX_PT * dpi / 72.0
    kept = np.zeros_like(bw)
    for mask, horizontal in ((hor, True), (ver, False)):
        n, lab, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for k in range(1, n):
            x, y, w, h, _a = stats[k]
            # thickness: the component's area over its length (a skew left over widens the box, not the stroke)
            if (_a / max(w, 1) if horizontal else _a / max(h, 1)) > thick:
                continue
            kept[y:y + h, x:x + w][lab[y:y + h, x:x + w] == k] = 255
            if horizontal:
                if w < 3 * h:
                    continue
                cy = (y + h / 2) * s
                out.append(Segment(x * s - ext, cy, (x + w) * s + ext, cy))
            else:
                if h < 3 * w:
                    continue
                cx = (x + w / 2) * s
                out.append(Segment(cx, y * s - ext, cx, (y + h) * s + ext))
    # whitened with a margin: the blurred, anti-aliased edge of a rule read as "|", "(" or "J" beside a number
    grow = max(3, int(dpi / 60)) | 1
    lines = cv2.dilate(kept, cv2.getStructuringElement(cv2.MORPH_RECT, (grow, grow)))
    return out, lines


def word_chars(word, conf: float | None = None) -> list[Char]:
    """A word's box split into its characters' boxes in proportion (OCR gives words, the readers want
    characters); each carries the word's confidence."""
    text = word.text
    n = len(text)
    if not n:
        return []
    w = (word.x1 - word.x0) / n
    size = (word.bottom - word.top) * 0.8
    c = word.conf if conf is None else conf
    return [Char(ch, word.x0 + i * w, word.top, word.x0 + (i + 1) * w, word.bottom, size, False, c)
            for i, ch in enumerate(text)]


def _cell_words(img, words: list, segments: list[Segment], number: int, width: float, height: float, dpi: float):
    """The page pass's words inside ruled tables replaced by each cell read on its own (``ocr.read_cells``);
    a cell where the cell pass found nothing keeps the page pass's words (nothing read is dropped)."""
    from . import ocr
    from .grid import find_grids

    tables = find_grids(PageContent(number, width, height, [], segments))
    if not tables:
        return words
    px = dpi / 72.0
    inset = max(1, int(dpi / 100))
    boxes, cells = [], []
    for t in tables:
        for c in t.cells:
            x0, y0, x1, y1 = c.bbox
            boxes.append((int(x0 * px) + inset, int(y0 * px) + inset, int(x1 * px) - inset, int(y1 * px) - inset))
            cells.append(c.bbox)
    per_cell = ocr.read_cells(img, boxes, dpi)

    def cell_of(w) -> int | None:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for k, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                return k
        return None

    out = []
    for w in words:
        k = cell_of(w)
        if k is None or not per_cell[k]:
            out.append(w)
    for got in per_cell:
        out.extend(got)
    return out


def _missed_words(img, words: list, dpi: float) -> list:
    """Ink that no word covers (Tesseract's block mode skips a line of larger print, such as a title), read
    again line by line (``ocr.read_cells`` on each line's box): nothing printed is passed over silently."""
    import cv2
    import numpy as np

    from . import ocr

    ink = (img < 128).astype(np.uint8) * 255
    pad = max(4, int(dpi / 30))  # a word's box is tight: the dot of its İ, a descender's tip lie just outside
    for w in words:
        ink[max(0, int(w.top) - pad):int(w.bottom) + pad, max(0, int(w.x0) - pad):int(w.x1) + pad] = 0
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # JPEG specks
    lines = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, int(dpi * 0.08)), 3)))
    n, _lab, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    min_h = dpi * 6 / 72  # a line of print at least 6 points tall
    boxes = []
    for k in range(1, n):
        x, y, w, h, area = stats[k]
        if h >= min_h and w >= min_h and h <= dpi * 0.6:
            boxes.append((max(0, x - pad), max(0, y - pad), x + w + pad, y + h + pad))
    if not boxes:
        return []
    # what reads as nothing sure (under MISSED_CONF) is the remains of words already read or a stain's edge
    return [w for got in ocr.read_cells(img, boxes, dpi) for w in got if w.conf >= MISSED_CONF]


def join_number_pieces(words: list) -> list:
    """A number Tesseract cut in two at its separator (``39.400.000,`` ``00``) joined again: the piece before ends
    in a comma or a dot, the piece after starts with a digit, on one line, closer than half a letter's height."""
    from .ocr import Word, looks_numeric

    out = sorted(words, key=lambda w: (round((w.top + w.bottom) / 2), w.x0))
    joined: list = []
    for w in out:
        prev = joined[-1] if joined else None
        if prev is not None and prev.text[-1:] in ",." and w.text[:1].isdigit() and looks_numeric(prev.text) \
                and looks_numeric(w.text):
            h = min(prev.bottom - prev.top, w.bottom - w.top)
            overlap = min(prev.bottom, w.bottom) - max(prev.top, w.top)
            if overlap > 0.5 * h and 0 <= w.x0 - prev.x1 < 0.5 * h:
                joined[-1] = Word(prev.text + w.text, prev.x0, min(prev.top, w.top), w.x1, max(prev.bottom, w.bottom),
                                  min(prev.conf, w.conf))
                continue
        joined.append(w)
    return joined


def read_page(page, number: int) -> tuple[PageContent, RasterPage]:
    """One scanned page (a pypdfium2 page) read from its image: ``PageContent`` in the page frame and what was seen."""
    import time

    import numpy as np

    from . import ocr

    t0 = time.perf_counter()
    _scan, scan_dpi = is_scanned(page)
    frame = pdfium_frame(page)
    dpi = bounded_dpi(render_dpi(scan_dpi), frame.width, frame.height)
    grey = np.ascontiguousarray(np.asarray(frame.render(page, dpi / 72.0, grayscale=True).convert("L")))
    width, height = frame.width, frame.height
    angle = estimate_skew(grey, dpi)
    grey = deskew(grey, angle)
    segments, line_mask = find_segments(grey, dpi)
    clean = flatten(grey, dpi)
    clean[line_mask > 0] = 255  # the rules whitened: Tesseract reads cells, not borders
    t1 = time.perf_counter()
    words = ocr.read_words(clean, dpi)
    words = _cell_words(clean, words, segments, number, width, height, dpi)
    words = words + _missed_words(clean, words, dpi)
    words = ocr.reread_numbers(clean, words, dpi)
    words = ocr.reread_codes(clean, words, dpi)
    t2 = time.perf_counter()
    words = join_number_pieces(words)
    s = 72.0 / dpi
    placed = [w.scaled(s) for w in words]
    chars: list[Char] = []
    for w in placed:
        chars.extend(word_chars(w))
    seen = RasterPage(number, dpi, angle, width, height, placed, segments, ocr_seconds=t2 - t1,
                      other_seconds=(t1 - t0) + (time.perf_counter() - t2))
    return PageContent(number, width, height, chars, segments), seen


def turn_box(box, skew: float, width: float, height: float, back: bool = True):
    """A box read on the deskewed page (``back``) as the axis-aligned box of the same place on the page as it is
    printed (turned by the scan's ``skew`` about the page's centre), or the other way (``back=False``)."""
    a = math.radians(skew if back else -skew)
    c, s_ = math.cos(a), math.sin(a)
    cx, cy = width / 2, height / 2
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - cx, y - cy
        xs.append(cx + c * dx - s_ * dy)
        ys.append(cy + s_ * dx + c * dy)
    return (min(xs), min(ys), max(xs), max(ys))


def boxes_to_page(report, scanned: dict) -> None:
    """Every box of the model, the issues and the numbers ledger on a scanned page, from the deskewed frame the
    page was read in to the page as printed (``turn_box``)."""
    def conv(page, box):
        seen = scanned.get(page)
        if seen is None or box is None or not seen.skew:
            return box
        return turn_box(box, seen.skew, seen.width, seen.height)

    def evidence(ev) -> None:
        ev.bbox = conv(ev.page, ev.bbox)
        for cell in ev.cells.values():
            cell.bbox = conv(cell.page, cell.bbox)
            cell.parts = [(pg, conv(pg, b)) for pg, b in cell.parts]

    for h in report.hedefler:
        evidence(h.evidence)
        for g in h.gostergeler:
            evidence(g.evidence)
            for p in g.periods:
                evidence(p.evidence)
        for f in h.faaliyetler:
            evidence(f.evidence)
    s = report.summary
    if s is not None:
        for a in s.amaclar:
            evidence(a.evidence)
            for sh in a.hedefler:
                evidence(sh.evidence)
                for ph in sh.performans_hedefleri:
                    evidence(ph.evidence)
            if a.counts is not None:
                evidence(a.counts.evidence)
        evidence(s.overall_evidence)
        if s.declared_totals is not None:
            evidence(s.declared_totals.evidence)
    for issue in report.issues:
        issue.bbox = conv(issue.page, issue.bbox)


class ScanAwareSource:
    """A page source that reads scanned pages from their image and every other page through ``inner`` (a mixed
    document works page by page). ``seen`` keeps what the raster reader saw on each scanned page."""

    def __init__(self, inner, path, password: str | None = None) -> None:
        import pypdfium2 as pdfium

        from . import ocr

        ocr.tesseract()  # OcrMissing now, with one clear line, rather than on the first scanned page
        try:
            import cv2  # noqa: F401
            import numpy  # noqa: F401
        except ImportError:
            raise ocr.OcrMissing("python") from None
        self.inner = inner
        self.pdf = pdfium.PdfDocument(str(path), password=password)
        self.seen: dict[int, RasterPage] = {}

    def page(self, n: int) -> PageContent:
        page = self.pdf[n - 1]
        try:
            if not is_scanned(page)[0]:
                return self.inner.page(n)
            content, seen = read_page(page, n)
        finally:
            page.close()
        self.seen[n] = seen
        return content

    def close(self) -> None:
        try:
            self.inner.close()
        finally:
            self.pdf.close()
