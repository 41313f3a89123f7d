"""A copy of the original PDF with a highlight and a comment at each finding's cell.

The input file is only read; the copy is written through a temporary file (atomic.write_atomic).
"""

from __future__ import annotations

from pathlib import Path

from ..rules.base import Finding

COLORS = {"error": "ff4d4d", "warning": "ffb020", "info": "4d9fff"}


def write_annotated(pdf: Path, findings: list[Finding], out: Path, password: str | None = None) -> int:
    """Write the annotated copy to ``out``; return the number of annotations added."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    reader = PdfReader(str(pdf))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    writer = PdfWriter(clone_from=reader)
    n = 0
    for f in findings:
        if not f.page or not f.bbox or f.page > len(writer.pages):
            continue
        page = writer.pages[f.page - 1]
        box = page.mediabox
        height, left, bottom = float(box.height), float(box.left), float(box.bottom)
        x0, top, x1, bot = f.bbox
        # model boxes have their origin at the top left; PDF user space at the bottom left
        llx, lly, urx, ury = left + x0, bottom + height - bot, left + x1, bottom + height - top
        quad = ArrayObject([FloatObject(v) for v in (llx, ury, urx, ury, llx, lly, urx, lly)])
        annot = Highlight(rect=(llx, lly, urx, ury), quad_points=quad, highlight_color=COLORS[f.severity],
                          printing=True)
        annot[NameObject("/Contents")] = TextStringObject(f"{f.rule}: {f.message}")
        annot[NameObject("/T")] = TextStringObject("izlem-audit")
        writer.add_annotation(page_number=f.page - 1, annotation=annot)
        n += 1
    with open(out, "wb") as fh:
        writer.write(fh)
    return n
