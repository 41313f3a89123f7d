"""Checking an input before reading it: the path, the bytes, the PDF structure, the password."""

from __future__ import annotations

from pathlib import Path

from .errors import UserError


def check_pdf(path: Path, password: str | None = None) -> int:
    """Raise ``UserError`` unless ``path`` is a readable PDF; return its page count."""
    if not path.exists():
        raise UserError("missing_path", path=path)
    if path.is_dir():
        raise UserError("is_directory", path=path)
    size = path.stat().st_size
    if size == 0:
        raise UserError("empty_file", path=path)
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        raise UserError("not_pdf", path=path)
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise UserError("wrong_password" if password else "password_required", path=path) from None
        raise UserError("corrupt_pdf", path=path, detail=str(exc).split("\n")[0]) from None
    try:
        n = len(doc)
        if n == 0:
            raise UserError("corrupt_pdf", path=path, detail="0 pages")
        return n
    finally:
        doc.close()
