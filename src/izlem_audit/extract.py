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
from .reading.page import PageContent

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
    title_lines: list[str] = []
    done = 0
    total = len(pages) if pages else n_pages
    for item in iter_pages(path, engine, password, pages):
        blocks = page_blocks(item) if isinstance(item, PageContent) else item
        for b in blocks:
            if b.text is not None and len(title_lines) < 60:
                title_lines.append(b.text.line.text)
            asm.feed(b)
        done += 1
        if progress:
            progress(done, total)
    report = asm.finish()
    report.engine = engine
    report.source = Source(str(path), sha256_of(path), n_pages)
    _title_and_year(report, title_lines)
    return report


def _title_and_year(report: Report, lines: list[str]) -> None:
    for ln in lines:
        if "izleme raporu" in fold(ln) or "izleme raporu" in fold(ln).replace("raporu", " raporu"):
            report.title = squash(ln)
            break
    for ln in lines:
        m = re.search(r"\b(20\d\d)\s*yili\b", fold(ln))
        if m:
            report.year = int(m.group(1))
            break
