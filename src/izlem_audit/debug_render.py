"""``izlem-audit debug``: a page drawn with what the reader saw on it.

Red: the ruling segments found. Blue: the cells of each table (merged cells as one box, their span ``2×1`` at
the bottom left). White on blue, in the left margin: the hedef block and table kind (``A4 H2 · gosterge``).
Green, at a cell's bottom right: the field the cell was read as (``rate``, ``note``); orange ``label``: a label
row of a hedef block. Purple, dashed: a piece of a row cut by a page break and joined with its other piece
(``note ⇅ s.15``: joined with page 15). Magenta, thick: a reading problem (what could not be placed), with its
text. Grey boxes: running text outside tables. Teal, above a table's header: the layout reader that took the
table, its score and the header cells that decided (``⟶ monthly_rows (gosterge) 1.00: Ay, Sıra No``); the
command also prints these lines. When a municipality's layout is read wrongly, this picture shows why.

A scanned page read with ``--ocr``: the red rules are those found in the image (turned back by the scan's skew,
noted at the top with the resolution read at), and every OCR word has a thin box and its confidence
(0–100) above its right end: green from 80 (trusted), orange from 50, red under 50.
"""

from __future__ import annotations

from pathlib import Path

from .extract import extract, open_source, page_count
from .messages import t
from .output.atomic import write_atomic
from .reading.geometry import pdfium_frame
from .reading.grid import build_tables, group_lines


def render_debug(pdf: Path, page: int, out: Path, password: str | None = None, dpi: int = 110,
                 engine: str = "pdfium", ocr: bool = False) -> list:
    """Draw the page; returns the ``TableReading`` s of the tables whose header stands on it (which layout
    reader took each, and why)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFont

    from .assembling.confidence import LOW_CONFIDENCE
    from .reading.page import PageContent
    from .reading.raster_source import turn_box, word_chars

    # read up to the page after this one, so that a row cut at this page's bottom is joined with its rest
    last = min(page + 1, page_count(pdf, password))
    report = extract(pdf, engine=engine, password=password, pages=list(range(1, last + 1)), trace_pages={page},
                     ocr=ocr)
    scanned = getattr(report, "ocr_pages", {}).get(page)
    if scanned is not None:  # what the raster reader saw (OCR is not run twice)
        chars = [c for w in scanned.words for c in word_chars(w)]
        content = PageContent(page, 0.0, 0.0, chars, scanned.segments)
    else:
        source = open_source(pdf, engine, password)
        try:
            content = source.page(page)
        finally:
            source.close()
    tables, outside = build_tables(content)

    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        scale = dpi / 72
        pdf_page = doc[page - 1]
        # drawn in the page frame, in which the reader gives every box (reading/geometry.py)
        img = pdfium_frame(pdf_page).render(pdf_page, scale)
        pdf_page.close()
    finally:
        doc.close()
    if scanned is not None and scanned.skew:  # drawn as it was read: turned back by the scan's skew
        img = img.rotate(scanned.skew, resample=Image.BICUBIC, fillcolor="white")
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", max(9, int(6 * scale)))
        small = ImageFont.truetype("DejaVuSans.ttf", max(7, int(4.2 * scale)))
    except OSError:
        font = small = ImageFont.load_default()

    def box(b, **kw):
        d.rectangle([b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale], **kw)

    for s in content.segments:
        d.line([s.x0 * scale, s.top * scale, s.x1 * scale, s.bottom * scale], fill=(230, 0, 0, 200), width=1)
    for tb in tables:
        box(tb.bbox, outline=(0, 0, 200, 255), width=3)
        for c in tb.cells:
            box(c.bbox, outline=(40, 90, 255, 220), width=1)
            if c.rowspan > 1 or c.colspan > 1:
                d.text((c.bbox[0] * scale + 2, c.bbox[3] * scale - small.size - 2), f"{c.rowspan}×{c.colspan}",
                       fill=(0, 0, 200, 255), font=small)
    for ln in group_lines(outside):
        box(ln.bbox, outline=(120, 120, 120, 160), width=1)
    for _, bbox, label in (tr for tr in report.trace if tr[0] == page):
        if "⇅" in label:  # a piece of a row joined across pages
            for k in range(0, int((bbox[2] - bbox[0]) * scale), 8):
                x = bbox[0] * scale + k
                d.line([x, bbox[1] * scale, min(x + 4, bbox[2] * scale), bbox[1] * scale], fill=(140, 0, 200, 255),
                       width=2)
                d.line([x, bbox[3] * scale, min(x + 4, bbox[2] * scale), bbox[3] * scale], fill=(140, 0, 200, 255),
                       width=2)
            tw = d.textlength(label, font=small)
            x, y = bbox[2] * scale - tw - 3, bbox[1] * scale + 1
            d.rectangle([x, y, x + tw + 2, y + small.size + 1], fill=(255, 255, 255, 230))
            d.text((x + 1, y), label, fill=(140, 0, 200, 255), font=small)
            continue
        if label.startswith("⟶"):  # the reader that took the table and why, above its header
            tw = d.textlength(label, font=small)
            x, y = bbox[0] * scale, max(0, bbox[1] * scale - small.size - 3)
            d.rectangle([x, y, x + tw + 4, y + small.size + 2], fill=(0, 110, 110, 235))
            d.text((x + 2, y + 1), label, fill=(255, 255, 255, 255), font=small)
            continue
        if "·" in label:  # the block and table kind, in the left margin beside the table
            x, y = 2, bbox[1] * scale
            tw = d.textlength(label, font=font)
            d.rectangle([x, y, x + tw + 4, y + font.size + 3], fill=(0, 0, 160, 230))
            d.text((x + 2, y + 1), label, fill=(255, 255, 255, 255), font=font)
            continue
        color = (230, 120, 0, 255) if label == "label" else (0, 130, 0, 255)
        tw = d.textlength(label, font=small)
        # bottom-right corner of the cell, where left-aligned text rarely reaches
        x, y = bbox[2] * scale - tw - 3, bbox[3] * scale - small.size - 2
        d.rectangle([x, y, x + tw + 2, y + small.size + 1], fill=(255, 255, 255, 220))
        d.text((x + 1, y), label, fill=color, font=small)
    if scanned is not None:
        for w in scanned.words:
            color = (0, 150, 0, 255) if w.conf >= LOW_CONFIDENCE else (230, 130, 0, 255) if w.conf >= 50 \
                else (220, 0, 0, 255)
            box((w.x0, w.top, w.x1, w.bottom), outline=color, width=1)
            label = f"{w.conf:.0f}"
            tw = d.textlength(label, font=small)
            d.text((w.x1 * scale - tw, w.top * scale - small.size), label, fill=color, font=small)
        head = f"OCR: {scanned.dpi:.0f} dpi, eğiklik {scanned.skew:+.2f}°, {len(scanned.words)} sözcük"
        tw = d.textlength(head, font=font)
        d.rectangle([2, 2, tw + 8, font.size + 6], fill=(0, 0, 0, 200))
        d.text((5, 3), head, fill=(255, 255, 255, 255), font=font)
    for issue in report.issues:
        if issue.origin != "reader" or issue.page != page or issue.bbox is None:
            continue
        if scanned is not None:  # the model's boxes are on the printed page; this picture is turned back
            issue.bbox = turn_box(issue.bbox, scanned.skew, scanned.width, scanned.height, back=False)
        box(issue.bbox, outline=(220, 0, 160, 255), width=4)
        text = f"okuma sorunu: {issue.detail.get('text', issue.kind)}"[:60]
        tw = d.textlength(text, font=small)
        x, y = issue.bbox[0] * scale, max(0, issue.bbox[1] * scale - small.size - 3)
        d.rectangle([x, y, x + tw + 4, y + small.size + 2], fill=(220, 0, 160, 230))
        d.text((x + 2, y + 1), text, fill=(255, 255, 255, 255), font=small)
    out_img = Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")
    write_atomic(out, lambda p: out_img.save(p, format="PNG"))
    return [tr for tr in report.tables if tr.page == page]


def detection_line(tr, lang: str) -> str:
    """One line of the debug command's output: which layout reader took a table on the page, and why."""
    from .normalising.numbers import format_number
    from .output.finding_text import layout_label

    kind = {"gosterge": ("gösterge", "gösterge"), "faaliyet": ("faaliyet", "faaliyet")}.get(tr.kind, (tr.kind,) * 2)
    others = ", ".join(f"{name} {format_number(score, 2, lang=lang)}" for name, score in tr.scores.items()
                       if name != tr.reader)
    key = "debug_table_header" if tr.via == "header" else "debug_table_labels"
    return t(key, lang, page=tr.page, kind=kind[0 if lang == "tr" else 1], reader=tr.reader,
             layout=layout_label(tr.reader, lang), score=format_number(tr.score, 2, lang=lang),
             evidence=" | ".join(tr.evidence) or "—", others=others or "—")
