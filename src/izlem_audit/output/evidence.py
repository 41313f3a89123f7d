"""Evidence pictures: the table row of a finding cropped from the PDF page, the offending cell outlined.

Only the part of a page the crops need is rendered (PDFium's crop, never the whole page: a 7,200 pt page would be
hundreds of megapixels): the union of a page's crops once, when it fits in ``MAX_PIXELS``, else each crop on its
own, scaled down if it alone is larger. PNG bytes are returned; the HTML report inlines them as data URIs.
The page is drawn in its frame (``reading/geometry.py``: the boxes of findings are in it), so the row reads
upright and is cut at the right place whatever the page's /Rotate, CropBox or MediaBox origin.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

from ..rules.base import Finding

SCALE = 2.0  # 144 dpi: sharp on screens, small enough to inline
MARGIN = 4.0  # points left and right of the row
CONTEXT = 16.0  # points above and below the row: the neighbouring lines give the row its meaning
MIN_HEIGHT = 44.0  # points: a thin sub-row is shown with enough around it to read


MAX_PIXELS = 4_000_000  # pixels rendered at most per evidence picture (--max-image-pixels)
MAX_CROP_HEIGHT = 350.0  # points: a long açıklama row shows its top, where the figures are


def _region(f: Finding, page_no: int) -> tuple[float, float, float, float]:
    """The part of the page a finding's picture shows, in points (top-left origin), height capped."""
    region = f.row_bbox or f.bbox
    if f.bbox and f.page == page_no and region is not f.bbox:
        region = (min(region[0], f.bbox[0]), min(region[1], f.bbox[1]),
                  max(region[2], f.bbox[2]), max(region[3], f.bbox[3]))
    pad = max(CONTEXT, (MIN_HEIGHT - (region[3] - region[1])) / 2)
    x0, y0, x1, y1 = (max(0.0, region[0] - MARGIN), max(0.0, region[1] - pad), region[2] + MARGIN, region[3] + pad)
    return x0, y0, x1, min(y1, y0 + MAX_CROP_HEIGHT)


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


def crop_findings(pdf: Path | None, findings: list[Finding], password: str | None = None) -> dict[int, bytes]:
    """PNG bytes per finding (by index in ``findings``) for those that have a page and a box."""
    if pdf is None or not Path(pdf).is_file() or Path(pdf).suffix.lower() != ".pdf":
        return {}
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    from ..reading.geometry import pdfium_frame

    by_page: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        page = f.row_page or f.page
        if page and (f.row_bbox or f.bbox):
            by_page[page].append(i)
    out: dict[int, bytes] = {}
    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        for page_no, idxs in by_page.items():
            if page_no > len(doc):
                continue
            page = doc[page_no - 1]
            frame = pdfium_frame(page)
            try:
                regions = {i: _region(findings[i], page_no) for i in idxs}
                # only the part of the page the crops need is rendered (a 7200 pt page is never rasterised
                # whole): the union of the page's crops if that is small enough, else each crop on its own
                union = (min(r[0] for r in regions.values()), min(r[1] for r in regions.values()),
                         max(r[2] for r in regions.values()), max(r[3] for r in regions.values()))
                shared = _render(page, union, frame) if _pixels(union, SCALE) <= MAX_PIXELS else None
                for i in idxs:
                    f, (x0, y0, x1, y1) = findings[i], regions[i]
                    if shared is not None:
                        image, ox, oy, scale = shared
                        crop = image.crop(tuple(int(round(v)) for v in ((x0 - ox) * scale, (y0 - oy) * scale,
                                                                        (x1 - ox) * scale, (y1 - oy) * scale)))
                    else:
                        crop, _, _, scale = _render(page, (x0, y0, x1, y1), frame)
                    if f.bbox and (f.page or page_no) == page_no:
                        d = ImageDraw.Draw(crop)
                        bx = [(f.bbox[0] - x0) * scale, (f.bbox[1] - y0) * scale,
                              (f.bbox[2] - x0) * scale, (f.bbox[3] - y0) * scale]
                        d.rectangle(bx, outline=(220, 0, 0), width=3)
                    buf = io.BytesIO()
                    crop.save(buf, format="PNG", optimize=True)
                    out[i] = buf.getvalue()
            finally:
                page.close()
    finally:
        doc.close()
    return out
