"""Evidence pictures: the table row of a finding cropped from the PDF page, the offending cell outlined.

Each page is rendered once (PDFium) and every crop of that page is cut from it, so a report with hundreds of
findings renders each page at most once. PNG bytes are returned; the HTML report inlines them as data URIs.
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
            image = frame.render(page, SCALE)
            page.close()
            for i in idxs:
                f = findings[i]
                region = f.row_bbox or f.bbox
                if f.bbox and f.page == page_no and region is not f.bbox:
                    region = (min(region[0], f.bbox[0]), min(region[1], f.bbox[1]),
                              max(region[2], f.bbox[2]), max(region[3], f.bbox[3]))
                pad = max(CONTEXT, (MIN_HEIGHT - (region[3] - region[1])) / 2)
                x0, y0, x1, y1 = (max(0.0, region[0] - MARGIN), max(0.0, region[1] - pad),
                                  region[2] + MARGIN, region[3] + pad)
                crop = image.crop(frame.pixel_box((x0, y0, x1, y1), SCALE)).copy()
                if f.bbox and (f.page or page_no) == page_no:
                    d = ImageDraw.Draw(crop)
                    bx = [(f.bbox[0] - x0) * SCALE, (f.bbox[1] - y0) * SCALE,
                          (f.bbox[2] - x0) * SCALE, (f.bbox[3] - y0) * SCALE]
                    d.rectangle(bx, outline=(220, 0, 0), width=3)
                if crop.height > 700:  # a long açıklama row: keep the top, where the figures are
                    crop = crop.crop((0, 0, crop.width, 700))
                buf = io.BytesIO()
                crop.save(buf, format="PNG", optimize=True)
                out[i] = buf.getvalue()
    finally:
        doc.close()
    return out
