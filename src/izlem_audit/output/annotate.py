"""A copy of the original PDF with a highlight and a comment at each finding's cell.

The input file is only read; the copy is written through a temporary file (atomic.write_atomic). Findings' boxes
are in the page frame (``reading/geometry.py``); each is mapped back to the page's PDF user space there, so the
highlight sits on the cell whatever the page's /Rotate, CropBox or MediaBox origin.
"""

from __future__ import annotations

from pathlib import Path

from ..rules.base import Finding

COLORS = {"error": "ff4d4d", "warning": "ffb020", "info": "4d9fff"}


def write_annotated(pdf: Path, findings: list[Finding], out: Path, password: str | None = None) -> int:
    """Write the annotated copy to ``out``; return the number of annotations added."""
    from pypdf import PdfReader
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    from .pdf_sanitize import sanitized_copy

    frames = _frames(pdf, {f.page for f in findings if f.page and f.bbox}, password)
    reader = PdfReader(str(pdf))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    writer = sanitized_copy(reader)  # the pages only, without active content: output/pdf_sanitize.py
    n = 0
    for f in findings:
        if not f.page or not f.bbox or f.page not in frames or f.page > len(writer.pages):
            continue
        frame = frames[f.page]
        llx, lly, urx, ury = frame.user_rect(f.bbox)
        quad = ArrayObject([FloatObject(v) for v in frame.user_quad(f.bbox)])
        annot = Highlight(rect=(llx, lly, urx, ury), quad_points=quad, highlight_color=COLORS[f.severity],
                          printing=True)
        annot[NameObject("/Contents")] = TextStringObject(f"{f.rule}: {f.message}")
        annot[NameObject("/T")] = TextStringObject("izlem-audit")
        writer.add_annotation(page_number=f.page - 1, annotation=annot)
        n += 1
    with open(out, "wb") as fh:
        writer.write(fh)
    return n


def _frames(pdf: Path, pages: set[int], password: str | None):
    import pypdfium2 as pdfium

    from ..reading.geometry import pdfium_frames

    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        return pdfium_frames(doc, sorted(pages))
    finally:
        doc.close()
