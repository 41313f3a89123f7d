"""Checking an input before reading it: the path, the bytes, what kind of file it is, the PDF structure, the password.

Accepted: a PDF (what the municipality publishes) and a Word (.docx) or Excel (.xlsx) draft (what the strategy
office has before it is a PDF). The kind is told by the content, not the name: a PDF renamed ``.docx`` is read as
the PDF it is. Anything else ends with one line naming what is accepted.
"""

from __future__ import annotations

from pathlib import Path

from .errors import UserError


DRAFT_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def input_kind(path: Path) -> str:
    """``"pdf"``, ``"docx"`` or ``"xlsx"``; a ``UserError`` naming what is accepted for anything else."""
    if not path.exists():
        raise UserError("missing_path", path=path)
    if path.is_dir():
        raise UserError("is_directory", path=path)
    if path.stat().st_size == 0:
        raise UserError("empty_file", path=path)
    with open(path, "rb") as fh:
        head = fh.read(1024)
    suffix = path.suffix.lower()
    if b"%PDF" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                mimetype = zf.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, KeyError) as exc:
            raise UserError("corrupt_draft", path=path, detail=str(exc).split("\n")[0][:80]) from None
        for part, kind in DRAFT_PARTS.items():
            if part in names:
                return kind
        if "opendocument" in mimetype:
            raise UserError("opendocument", path=path)
        if suffix in (".docx", ".xlsx"):
            raise UserError("corrupt_draft", path=path, detail="no " + ("word/document.xml" if suffix == ".docx"
                                                                        else "xl/workbook.xml"))
        raise UserError("unsupported_type", path=path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary Word/Excel formats (.doc/.xls)
        raise UserError("old_office", path=path)
    if suffix in (".docx", ".xlsx"):
        raise UserError("corrupt_draft", path=path, detail="not a zip package")
    if suffix == ".pdf":
        raise UserError("not_pdf", path=path)
    raise UserError("unsupported_type", path=path)


def check_pdf(path: Path, password: str | None = None, max_stream_mb: float | None = None) -> int:
    """Raise ``UserError`` unless ``path`` is a readable PDF; return its page count."""
    return inspect_pdf(path, password, max_stream_mb)[0]


def inspect_pdf(path: Path, password: str | None = None, max_stream_mb: float | None = None):
    """``check_pdf`` that also returns the byte scan (guard.scan_pdf): (page count, ScanResult). The scan runs
    before any PDF library parses the file, so a decompression bomb is refused before it inflates."""
    from .guard import DEFAULT_STREAM_MB, scan_or_fail
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
    scan = scan_or_fail(path, DEFAULT_STREAM_MB if max_stream_mb is None else max_stream_mb)
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
        return n, scan
    finally:
        doc.close()
