"""The whole extraction: a PDF in, a ``Report`` out (reading -> assembling)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from .assembling import Assembler
from .model import Report, Source
from .normalising.text import fold, squash
from .reading.layout import page_blocks
from .reading.page import PageContent, join_lines

ENGINES = ("pdfplumber", "pdfium", "camelot")

ProgressFn = Callable[[int, int], None]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def page_count(path: Path, password: str | None = None) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path), password=password)
    try:
        return len(doc)
    finally:
        doc.close()


def iter_pages(path: Path, engine: str = "pdfplumber", password: str | None = None,
               pages: list[int] | None = None):
    if engine == "pdfplumber":
        from .reading.sources import iter_pages_pdfplumber

        return iter_pages_pdfplumber(path, password, pages)
    if engine == "pdfium":
        from .reading.pdfium_source import iter_pages_pdfium

        return iter_pages_pdfium(path, password, pages)
    if engine == "camelot":
        from .reading.camelot_source import iter_blocks_camelot

        return iter_blocks_camelot(path, password, pages)
    raise ValueError(engine)


def extract(path: Path, engine: str = "pdfplumber", password: str | None = None,
            pages: list[int] | None = None, progress: ProgressFn | None = None) -> Report:
    path = Path(path)
    n_pages = page_count(path, password)
    asm = Assembler()
    title_lines: list[tuple[int, object]] = []
    done = 0
    total = len(pages) if pages else n_pages
    for item in iter_pages(path, engine, password, pages):
        blocks = page_blocks(item) if isinstance(item, PageContent) else item
        for b in blocks:
            if b.text is not None and len(title_lines) < 60:
                title_lines.append((b.page, b.text.line))
            asm.feed(b)
        done += 1
        if progress:
            progress(done, total)
    report = asm.finish()
    report.engine = engine
    report.source = Source(str(path), sha256_of(path), n_pages)
    _title_and_year(report, title_lines)
    return report


def _title_and_year(report: Report, lines: list) -> None:
    """The report's title: the first heading that names an izleme raporu, with the lines it wraps onto."""
    for i, (page, ln) in enumerate(lines):
        if "izleme raporu" not in fold(ln.text):
            continue
        parts = [ln]
        height = max(ln.bbox[3] - ln.bbox[1], 1.0)

        def close(a, b) -> bool:  # b is the next line of the same heading
            return 0 <= b.bbox[1] - a.bbox[3] < 0.8 * height

        # a title cut before its year ("… 6 AYLIK" / "İZLEME RAPORU") takes the line above
        if not re.search(r"20\d\d", ln.text) and i > 0 and lines[i - 1][0] == page and close(lines[i - 1][1], ln):
            parts.insert(0, lines[i - 1][1])
        # a parenthesis left open ("(OCAK-" / "HAZİRAN)") takes the lines below until it closes
        j = i + 1
        while " ".join(p.text for p in parts).count("(") > " ".join(p.text for p in parts).count(")") \
                and j < len(lines) and lines[j][0] == page and close(parts[-1], lines[j][1]):
            parts.append(lines[j][1])
            j += 1
        report.title = squash(join_lines(parts))
        break
    for _, ln in lines:
        m = re.search(r"\b(20\d\d)\s*yili\b", fold(ln.text))
        if m:
            report.year = int(m.group(1))
            break
