"""Evidence pictures: the table row of a finding cut from the PDF page, as an auditor shows it.

Each picture holds the table's header row(s) (found above the row on the same page), the row itself from its
code/name cells on, the offending cell outlined in red and the value it should hold written beside it. Two cuts
are made: the whole row (wide screens, print) and a compact one for phones (the code/name cells, the offending
cell and the written value, side by side, so that the text stays readable when the picture is scaled to the
width of a phone). The font size of the row's text is measured so the HTML can say (and the tests check) how
large the text appears.

Only the part of a page the pictures need is rendered (PDFium's crop; at most MAX_PIXELS), in its frame (``reading/geometry.py``: the boxes of findings are in it, so
the row reads upright whatever the page's /Rotate, CropBox or MediaBox origin), and every cut of that page is
taken from it. PNG bytes are returned.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..normalising.text import fold
from ..rules.base import Finding

SCALE = 2.0  # 144 dpi: sharp on screens, small enough to inline
MARGIN = 4.0  # points left and right of the row
PAD = 3.0  # points above and below a band
MIN_HEIGHT = 30.0  # points: a thin sub-row is shown with enough around it to read
CODE_WIDTH = 90.0  # points of the row's left part (Sıra No, code, start of the name) in the compact cut
MAX_ROW = 280.0  # points: a long açıklama row keeps its top, where the figures are
MAX_HEADER = 100.0  # points of header rows kept (the lowest ones: the column labels)
MAX_HEIGHT_PX = 800  # a picture's height at most (pixels)
RED = (200, 16, 16)
TEXT_RULES = ("IZ404", "IZ405")  # findings on the running text, not on a table row
TABLE_GAP = 20.0
PHONE_WIDTH = 350.0  # CSS px a picture gets on a 390-px phone
PHONE_TEXT = 11.5  # CSS px the text should keep there (11 at least)  # points of blank space that separate two tables

HEADER_WORDS = ("hedefe etkisi", "etkisi", "gerceklesme", "gosterge adi", "gosterge kodu", "performans gostergesi",
                "sira", "aciklama", "butce", "harcama", "faaliyet", "baslangic", "hedeflenen", "izleme donemindeki",
                "performans (%)", "kodu", "hedef (tl)", "proje adi", "oran")
_NUMBER = re.compile(r"\d[\d.]*,\d{2}\b")


@dataclass
class Crop:
    full: bytes
    compact: bytes | None
    font_pt: float | None  # the row's font size in points
    page: int
    scale: float = SCALE  # pixels per point of the pictures (less than SCALE only for a huge page)


@dataclass
class _Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def _font(size_px: float, bold: bool = False):
    from PIL import ImageFont

    names = ["DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"]
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts"):
        for n in names:
            p = Path(folder) / n
            if p.is_file():
                return ImageFont.truetype(str(p), int(size_px))
    try:
        return ImageFont.load_default(size=int(size_px))
    except TypeError:  # old Pillow
        return ImageFont.load_default()


def _page_text(page, frame) -> tuple[list[_Line], list[tuple[float, float, float, float, float]]]:
    """Lines of text and every character's box with its font size, in the page frame (top-left origin, the
    coordinates of the findings' boxes)."""
    import pypdfium2.raw as raw

    tp = page.get_textpage()
    chars = []
    try:
        for i in range(tp.count_chars()):
            code = raw.FPDFText_GetUnicode(tp.raw, i)
            if code in (0, 10, 13, 32, 0xFFFE, 0xFFFF):
                continue
            left, bottom, right, top = tp.get_charbox(i)
            size = raw.FPDFText_GetFontSize(tp.raw, i)
            x0, y0, x1, y1 = frame.rect(left, bottom, right, top)
            chars.append((chr(code), x0, y0, x1, y1, size))
    finally:
        tp.close()
    rows: dict[int, list] = defaultdict(list)
    for c in chars:
        rows[int(round((c[2] + c[4]) / 2 / 2.0))].append(c)
    lines = []
    for key in sorted(rows):
        cs = sorted(rows[key], key=lambda c: c[1])
        text, prev = "", None
        for c in cs:
            if prev is not None and c[1] - prev[3] > 1.5:
                text += " "
            text += c[0]
            prev = c
        lines.append(_Line(text, min(c[1] for c in cs), min(c[2] for c in cs), max(c[3] for c in cs),
                           max(c[4] for c in cs)))
    boxes = [(c[1], c[2], c[3], c[4], c[5]) for c in chars]
    return lines, boxes


def _header_band(lines: list[_Line], row_top: float, x0: float, x1: float) -> tuple[float, float] | None:
    """The header row(s) of the table the row belongs to: the nearest block of label lines above it."""
    above = [ln for ln in lines if ln.bottom <= row_top + 1 and ln.x1 > x0 and ln.x0 < x1]
    above.sort(key=lambda ln: -ln.bottom)
    edge = row_top
    for i, ln in enumerate(above):
        if edge - ln.bottom > TABLE_GAP:  # a blank band: the table ended above here
            return None
        edge = min(edge, ln.top)
        folded = fold(ln.text)
        if _NUMBER.search(ln.text) or not any(w in folded for w in HEADER_WORDS):
            continue
        block = [ln]
        height = max(ln.bottom - ln.top, 4.0)
        for other in above[i + 1:]:  # upwards while the lines touch and hold no figures
            if block[-1].top - other.bottom > 1.6 * height or _NUMBER.search(other.text):
                break
            block.append(other)
        for other in reversed(above[:i]):  # downwards (towards the row) likewise
            if other.top - min(b.bottom for b in block if b.bottom <= other.top + 0.1) > 1.6 * height \
                    or _NUMBER.search(other.text):
                break
            block.append(other)
        hits = {w for w in HEADER_WORDS for b in block if w in fold(b.text)}
        if len(hits) < 2 or any(len(b.text) > 150 for b in block):
            return None
        top, bottom = min(b.top for b in block), max(b.bottom for b in block)
        if row_top - bottom > 600:
            return None
        return top, bottom
    return None


def _lookup_row(report, f: Finding, page_no: int):
    """The bbox of the gösterge/faaliyet row a finding is about (its code and name cells), on ``page_no``."""
    if report is None or not f.item:
        return None
    for h in report.hedefler:
        if (h.amac, h.hedef) != (f.amac, f.hedef):
            continue
        if f.performans_hedefi and h.performans_hedefi != f.performans_hedefi:
            continue
        for item in [*h.gostergeler, *h.faaliyetler]:
            if item.code == f.item and item.evidence.page == page_no and item.evidence.bbox:
                return item.evidence.bbox
    return None


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _label_column(height_px: int, y_px: float, label: str, value: str, font_pt: float, sc: float = SCALE):
    """A strip with the value the cell should hold, written at the cell's height."""
    from PIL import Image, ImageDraw

    small, big = _font(max(font_pt, 7.0) * sc * 0.95), _font(max(font_pt, 7.0) * sc * 1.1, bold=True)
    d0 = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    w = int(max(d0.textlength(label, font=small), d0.textlength("→ " + value, font=big)) + 14)
    line_h = int(max(font_pt, 7.0) * sc * 1.25)
    need = 2 * line_h + 8
    strip = Image.new("RGB", (w, max(height_px, need)), (255, 255, 255))
    d = ImageDraw.Draw(strip)
    y = int(min(max(y_px - line_h, 2), max(height_px, need) - need + 2))
    d.rectangle([2, y - 2, w - 3, y + need - 4], outline=RED, width=2, fill=(255, 243, 242))
    d.text((8, y), label, fill=RED, font=small)
    d.text((8, y + line_h), "→ " + value, fill=RED, font=big)
    return strip


def _stack(parts):
    """Bands one under the other, a thin grey rule between bands that are not adjacent on the page."""
    from PIL import Image

    width = max(p.width for p, _ in parts)
    height = sum(p.height for p, _ in parts) + sum(6 for _, gap in parts if gap)
    out = Image.new("RGB", (width, height), (255, 255, 255))
    y = 0
    for p, gap in parts:
        if gap:
            for x in range(0, width, 8):
                out.paste((152, 162, 179), (x, y + 2, min(x + 4, width), y + 4))
            y += 6
        out.paste(p, (0, y))
        y += p.height
    return out


def _side(parts):
    from PIL import Image

    height = max(p.height for p in parts)
    gap = 8
    out = Image.new("RGB", (sum(p.width for p in parts) + gap * (len(parts) - 1), height), (255, 255, 255))
    x = 0
    for i, p in enumerate(parts):
        out.paste(p, (x, 0))
        x += p.width
        if i < len(parts) - 1:  # a jagged gap: columns left out
            for y in range(0, height, 8):
                out.paste((152, 162, 179), (x + 3, y, x + 5, min(y + 4, height)))
            x += gap
    return out


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


MAX_PIXELS = 4_000_000  # pixels rendered at most per evidence picture (--max-image-pixels)


def _pixels(box, scale: float) -> float:
    return max(box[2] - box[0], 1.0) * max(box[3] - box[1], 1.0) * scale * scale


def _render(page, box, frame):
    """Render only ``box`` (frame points) of the page in its frame (``PageFrame.render``: only the part inside
    the CropBox is rasterised, the rest stays white, as a viewer shows it), at SCALE or less so it stays within
    MAX_PIXELS. Returns (RGB image, box left, box top, scale)."""
    bx0, by0 = max(0.0, box[0]), max(0.0, box[1])
    bx1, by1 = max(min(box[2], frame.width), bx0 + 1), max(min(box[3], frame.height), by0 + 1)
    scale = min(SCALE, (MAX_PIXELS / _pixels((bx0, by0, bx1, by1), 1.0)) ** 0.5)
    return frame.render(page, scale, (bx0, by0, bx1, by1)), bx0, by0, scale


@dataclass
class _Plan:
    f: Finding
    x0: float
    x1: float
    ry0: float
    ry1: float
    hy: tuple[float, float] | None
    gap: bool
    cell: tuple | None
    font_pt: float | None

    @property
    def area(self) -> tuple[float, float, float, float]:
        return (self.x0, self.hy[0] if self.hy else self.ry0, self.x1, self.ry1)


def crop_findings(pdf: Path | None, findings: list[Finding], password: str | None = None, report=None,
                  lang: str = "tr") -> dict[int, Crop]:
    """Evidence pictures per finding (by index in ``findings``) for those that have a page and a box."""
    if pdf is None or not Path(pdf).is_file() or Path(pdf).suffix.lower() != ".pdf":
        return {}
    import pypdfium2 as pdfium

    from ..reading.geometry import pdfium_frame

    by_page: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        page = f.row_page or f.page
        if page and (f.row_bbox or f.bbox):
            by_page[page].append(i)
    out: dict[int, Crop] = {}
    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        for page_no, idxs in sorted(by_page.items()):
            if page_no > len(doc):
                continue
            page = doc[page_no - 1]
            try:
                frame = pdfium_frame(page)
                lines, chars = _page_text(page, frame)
                plans = {}
                for i in idxs:
                    try:
                        plans[i] = _plan(findings[i], page_no, lines, chars, report)
                    except Exception:  # noqa: BLE001 - one picture that cannot be planned never stops the report
                        continue
                if not plans:
                    continue
                # only the part of the page the pictures need is rendered: their union once if it is small
                # enough, else each picture's part on its own
                union = (min(p.area[0] for p in plans.values()), min(p.area[1] for p in plans.values()),
                         max(p.area[2] for p in plans.values()), max(p.area[3] for p in plans.values()))
                shared = _render(page, union, frame) if _pixels(union, SCALE) <= MAX_PIXELS else None
                for i, plan in plans.items():
                    try:
                        rendered = shared if shared is not None else _render(page, plan.area, frame)
                        out[i] = _cut(plan, page_no, rendered, lang)
                    except Exception:  # noqa: BLE001 - one picture that cannot be cut never stops the report
                        continue
            finally:
                page.close()
    finally:
        doc.close()
    return out


def _plan(f: Finding, page_no: int, lines, chars, report) -> _Plan:
    """Which parts of the page a finding's picture shows: the header band, the row band, the cell."""
    region = f.row_bbox or f.bbox
    cell = f.bbox if f.bbox and (f.page or page_no) == page_no else None
    if cell is not None and region is not cell:
        region = _union(region, cell)
    item_row = _lookup_row(report, f, page_no)
    if item_row is not None and 0 <= region[1] - item_row[1] < 300:
        region = _union(region, item_row)  # from the row's first line: its code and name cells
    if region[3] - region[1] > MAX_ROW:
        keep_to = max(region[1] + MAX_ROW, (cell[3] + 10) if cell else 0)
        region = (region[0], region[1], region[2], min(region[3], keep_to))
    pad = max(PAD, (MIN_HEIGHT - (region[3] - region[1])) / 2)
    if f.rule in TEXT_RULES:  # a sentence of the running text: the lines around it too
        pad = max(pad, 14.0)
    x0, x1 = max(0.0, region[0] - MARGIN), region[2] + MARGIN
    ry0, ry1 = max(0.0, region[1] - pad), region[3] + pad
    sizes = [c[4] for c in chars if c[1] >= ry0 - 1 and c[3] <= ry1 + 1 and c[0] >= x0 - 1 and c[2] <= x1 + 1
             and c[4] > 0]
    font_pt = statistics.median(sizes) if sizes else None
    header = None if f.rule in TEXT_RULES else _header_band(lines, region[1], x0, x1)
    hy = None
    if header is not None:
        hy = (max(0.0, header[0] - PAD, header[1] - MAX_HEADER), min(header[1] + PAD, ry0))
        if hy[1] - hy[0] < 4:
            hy = None
    gap = hy is not None and ry0 - hy[1] > 2
    return _Plan(f, x0, x1, ry0, ry1, hy, gap, cell, font_pt)


def _cut(plan: _Plan, page_no: int, rendered, lang: str) -> Crop:
    from PIL import ImageDraw

    image, ox, oy, sc = rendered
    f, x0, x1, ry0, ry1, hy, gap, cell, font_pt = (plan.f, plan.x0, plan.x1, plan.ry0, plan.ry1, plan.hy,
                                                   plan.gap, plan.cell, plan.font_pt)

    def band(y0: float, y1: float, bx0: float, bx1: float):
        box = tuple(int(round(v)) for v in ((bx0 - ox) * sc, (y0 - oy) * sc, (bx1 - ox) * sc, (y1 - oy) * sc))
        return image.crop(box).copy()

    def with_outline(img, bx0: float):
        if cell is not None:
            d = ImageDraw.Draw(img)
            d.rectangle([(cell[0] - 2 - bx0) * sc, (cell[1] - 2 - ry0) * sc,
                         (cell[2] + 2 - bx0) * sc, (cell[3] + 2 - ry0) * sc], outline=RED, width=3)
        return img

    def compose_cut(columns: list[tuple[float, float]], label: bool):
        pieces = []
        for cx0, cx1 in columns:
            parts = []
            if hy is not None:
                parts.append((band(hy[0], hy[1], cx0, cx1), False))
            parts.append((with_outline(band(ry0, ry1, cx0, cx1), cx0), gap))
            pieces.append(_stack(parts) if len(parts) > 1 else parts[0][0])
        img = _side(pieces) if len(pieces) > 1 else pieces[0]
        if label and cell is not None and f.expected is not None:
            from .finding_text import _value, short_label

            head_h = (hy[1] - hy[0]) * sc + (6 if gap else 0) if hy is not None else 0
            y_cell = head_h + (cell[1] - ry0) * sc + (cell[3] - cell[1]) * sc / 2
            strip = _label_column(img.height, y_cell, short_label(f.rule, lang), _value(f, f.expected, lang),
                                  font_pt or 8.0, sc)
            img = _side_plain(img, strip)
        return img

    full, k_full = _fit(compose_cut([(x0, x1)], label=True))
    compact, k_compact = None, k_full
    if cell is not None:
        # narrow enough that, scaled to a 390-px phone (about 350 px for the picture), the text stays >= 11 px
        limit = (font_pt or 8.0) * sc * PHONE_WIDTH / PHONE_TEXT
        right = min(cell[2], cell[0] + 70.0) + 4  # a wide merged cell: its text starts at the left
        cell_col = (max(x0, cell[0] - 4), min(x1, right))
        code = CODE_WIDTH
        img = None
        while True:
            if cell[0] - x0 > code + 20 and code >= 24:
                img = compose_cut([(x0, x0 + code), cell_col], label=True)
            elif cell[0] - x0 <= code + 20:
                img = compose_cut([(x0, min(x1, right, x0 + 200))], label=True)
            else:
                img = compose_cut([cell_col], label=True)
            if img.width <= limit or code < 24:
                break
            code = max(code - (img.width - limit) / sc - 2, 0)
            if code < 24 and cell[0] - x0 <= code + 20:
                break
        img, k_compact = _fit(img)
        compact = _png(img)
    return Crop(_png(full), compact, font_pt, page_no, sc * k_compact)


def _fit(img):
    """The picture within MAX_PIXELS and MAX_HEIGHT_PX (scaled down when not), and the factor applied."""
    k = min(1.0, (MAX_PIXELS / max(img.width * img.height, 1)) ** 0.5, MAX_HEIGHT_PX / max(img.height, 1))
    if k >= 1.0:
        return img, 1.0
    size = (max(1, int(img.width * k)), max(1, int(img.height * k)))
    return img.resize(size), min(size[0] / img.width, size[1] / img.height)


def _side_plain(img, strip):
    from PIL import Image

    out = Image.new("RGB", (img.width + strip.width + 6, max(img.height, strip.height)), (255, 255, 255))
    out.paste(img, (0, 0))
    out.paste(strip, (img.width + 6, 0))
    return out


def page_images(pdf: Path | None, pics: dict, password: str | None = None, scale: float = 1.5) -> dict[int, bytes]:
    """The whole page of every evidence picture, as JPEG (readable at full size, small enough to inline)."""
    if pdf is None or not pics or not Path(pdf).is_file():
        return {}
    wanted = sorted({p.page for p in pics.values() if getattr(p, "page", None)})
    if not wanted:
        return {}
    import pypdfium2 as pdfium

    from ..reading.geometry import pdfium_frame

    out: dict[int, bytes] = {}
    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        for n in wanted:
            if n > len(doc):
                continue
            page = doc[n - 1]
            w, h = page.get_size()
            s_ = min(scale, (MAX_PIXELS / max(w * h, 1.0)) ** 0.5)  # a huge page is shown smaller, never whole-size
            image = page.render(scale=s_, rotation=pdfium_frame(page).render_rotation).to_pil().convert("RGB")
            page.close()
            buf = io.BytesIO()
            image.save(buf, format="JPEG", quality=72, optimize=True)
            out[n] = buf.getvalue()
    finally:
        doc.close()
    return out
