"""The whole extraction: a PDF in, a ``Report`` out (reading -> assembling)."""

from __future__ import annotations

import hashlib
import re
import signal
import threading
from contextlib import contextmanager
from collections.abc import Callable
from pathlib import Path

from .assembling import Assembler
from .diagnose import LayoutProbe, unknown_layout_error
from .assembling.conservation import Ledger
from .model import Report, Source, StructureIssue
from .guard import PAGE_LIMITS, PageLimits, PageTooLarge
from .limits import Limits
from .normalising.numbers import MAX_INTEGER_DIGITS
from .normalising.text import clean_chars, fold, printable, squash
from .reading.engines import PageSource, engine_named, rule_grids
from .reading.page import PageContent, join_lines

OCR_TIME_FACTOR = 6  # a scanned page may take this many times --page-timeout (Tesseract reads it)

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


class PageTimeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Raise PageTimeout after ``seconds`` (main thread on Unix; elsewhere no limit is applied)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise PageTimeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


_GARBLED = re.compile("\\(cid:|\ufffd|[\ue000-\uf8ff]")  # what a garbled character's text holds somewhere


def garbled_share(content: PageContent) -> float:
    """The share of a page's characters that carry no real text: ``(cid:NN)``, U+FFFD, private-use glyphs."""
    if not content.chars:
        return 0.0
    if _GARBLED.search("".join([c.text for c in content.chars])) is None:  # nearly every page: none at all
        return 0.0
    bad = 0
    for c in content.chars:
        t = c.text
        if t.startswith("(cid:") or t == "\ufffd" or (t and 0xE000 <= ord(t[0]) <= 0xF8FF):
            bad += 1
    return bad / len(content.chars)


_NUMBER_TOKEN = re.compile(r"^[+\-−]?%?(\d[\d.]*)(?:,\d*)?%?$")


def absurd_numbers(blocks) -> list[tuple[object, str]]:
    """Table cells holding a number with more digits than any report figure has (a 400-digit number would
    become infinity): (cell, text), for a reading-problem finding; the number itself is read as missing."""
    out = []
    for b in blocks:
        if b.table is None:
            continue
        for c in b.table.cells:
            text = c.text or ""
            if len(text) <= MAX_INTEGER_DIGITS:  # too short to hold that many digits (most cells)
                continue
            # each word, and the whole cell with its line breaks closed (a long number wraps in a narrow cell)
            for token in [*text.split(), "".join(text.split())]:
                m = _NUMBER_TOKEN.match(token)
                if m and sum(ch.isdigit() for ch in m.group(1)) > MAX_INTEGER_DIGITS:
                    out.append((c, token))
                    break
    return out


def open_source(path: Path, engine: str, password: str | None) -> PageSource:
    """Random access to the pages of ``path`` as the engine reads them (``reading/engines.py``)."""
    return engine_named(engine).open(path, password)


SCAN_CHARS = 20  # a page with fewer characters may be a scan (then it is looked at)


def _scanned(path: Path, password: str | None, n: int) -> bool:
    """Whether page ``n`` is a scanned image (``raster_source.is_scanned``)."""
    import pypdfium2 as pdfium

    from .reading.raster_source import is_scanned

    try:
        doc = pdfium.PdfDocument(str(path), password=password)
    except Exception:  # noqa: BLE001 - only a note about the page is at stake
        return False
    try:
        page = doc[n - 1]
        try:
            return is_scanned(page)[0]
        finally:
            page.close()
    except Exception:  # noqa: BLE001 - a damaged page is no scan to speak of; it was read as it could be
        return False
    finally:
        doc.close()


def extract(path: Path, engine: str = "pdfium", password: str | None = None,
            pages: list[int] | None = None, progress: ProgressFn | None = None,
            limits: Limits | None = None, trace_pages: set[int] | None = None, ocr: bool = False) -> Report:
    """Read a report. ``trace_pages``: pages on which the assembler notes what each cell was read as
    (``report.trace``, for ``izlem-audit debug``). ``ocr``: scanned pages (an image, no text layer) are read
    from their image (``reading/raster_source.py``), the others as usual."""
    path = Path(path)
    limits = limits or Limits()
    n_pages = page_count(path, password)
    asm = Assembler(trace_pages=trace_pages)
    title_lines: list[tuple[int, object]] = []
    numbers = pages or list(range(1, n_pages + 1))
    issues: list[StructureIssue] = []
    text_chars = 0
    probe = LayoutProbe()
    garbled_chars = 0
    PAGE_LIMITS.set(PageLimits(limits.max_page_chars, limits.max_page_objects))  # read by the page sources
    ledger = Ledger()
    ocr_chars: dict[int, list] = {}  # the characters of each scanned page (OCR confidences)

    def feed(blocks) -> None:
        for b in blocks:
            if b.text is not None and len(title_lines) < 60:
                title_lines.append((b.page, b.text.line))
            if not asm.report.hedefler:  # the probe only speaks when no hedef table is read (``_diagnose``)
                _probe(probe, b)
            ledger.see(b)
            asm.feed(b)

    if ocr:  # a scanned page is read from its image: its tables are the grids of the rules found in it
        from .reading.raster_source import ScanAwareSource

        source: PageSource = ScanAwareSource(open_source(path, engine, password), path, password)
        find_blocks = rule_grids()
    else:
        find_blocks = engine_named(engine).finder(path, password, numbers)
        source = open_source(path, engine, password)
    try:
        for done, n in enumerate(numbers, 1):
            try:
                # a scanned page is read by OCR: it is given the time of several vector pages
                with _time_limit(limits.page_seconds * (OCR_TIME_FACTOR if ocr else 1)):
                    content = source.page(n)
                    content.chars = clean_chars(content.chars)
                    blocks = find_blocks(content)
            except PageTimeout:
                issues.append(StructureIssue("page_timeout", n, detail={"seconds": limits.page_seconds}))
                continue
            except PageTooLarge as big:
                issues.append(StructureIssue(f"page_too_many_{big.what}", n,
                                             detail={"count": big.count, "limit": big.limit}))
                continue
            except Exception as exc:  # noqa: BLE001 - a damaged page is reported and the rest still read
                issues.append(StructureIssue("unreadable_page", n, detail={"error": type(exc).__name__}))
                continue
            text_chars += len(content.chars)
            if ocr and content.chars and content.chars[0].conf is not None:
                ocr_chars[n] = content.chars
                ledger.see_scan(n, source.seen[n].words, blocks)  # type: ignore[attr-defined]  # every OCR number
            elif not ocr and len(content.chars) < SCAN_CHARS and _scanned(path, password, n):
                # a scanned page in a document with a text layer elsewhere: said, with how to read it
                issues.append(StructureIssue("scanned_page", n))
            share = garbled_share(content)
            garbled_chars += round(share * len(content.chars))
            if share > 0.2:
                sample = "".join(c.text for c in content.chars[:40])
                issues.append(StructureIssue("garbled_text", n, detail={"share": round(share, 2),
                                                                       "sample": sample}))
            for cell, text in absurd_numbers(blocks):
                issues.append(StructureIssue("absurd_number", n, cell.bbox,
                                             detail={"text": text[:24] + ("…" if len(text) > 24 else ""),
                                                     "digits": sum(ch.isdigit() for ch in text)}))
            feed(blocks)
            if progress:
                progress(done, len(numbers))
    finally:
        source.close()
    report = asm.finish()
    report.issues = issues + report.issues
    scanned = getattr(source, "seen", None) if ocr else None
    if scanned:
        from .assembling.confidence import apply_confidence

        apply_confidence(report, {n: chars for n, chars in ocr_chars.items()})
        report.ocr_pages = {n: s for n, s in scanned.items()}  # type: ignore[attr-defined]  # for debug and bench
    _diagnose(report, probe)
    ledger.settle(report, asm.read_rows, asm.unfilled)
    if scanned:
        # the scan was read turned back by its skew; every box goes back onto the page as it is printed, so that
        # evidence crops and the annotated copy mark the cell itself
        from .reading.raster_source import boxes_to_page

        boxes_to_page(report, scanned)
    report.numbers = ledger.counts()
    report.trace = asm.trace
    report.engine = engine
    report.text_chars = text_chars
    report.garbled_chars = garbled_chars  # type: ignore[attr-defined]  # read by cli.read_report, not serialised
    if text_chars and garbled_chars >= 0.01 * text_chars and not any(i.kind == "garbled_text" for i in issues):
        # a font without a ToUnicode map garbles its letters (often only the Turkish ones): said once for the report
        report.issues.insert(0, StructureIssue("garbled_text_some", None, detail={
            "pct": max(1, round(100 * garbled_chars / text_chars))}))
    report.source = Source(printable(str(path)), sha256_of(path), n_pages)  # a file name is input too
    _title_and_year(report, title_lines)
    return report


def _probe(probe: LayoutProbe, block, ref: str | None = None) -> None:
    if block.table is not None:
        probe.table(block.table, ref)
    elif block.text is not None:
        probe.text(block.text.line.text, block.page)


def _diagnose(report: Report, probe: LayoutProbe) -> None:
    """No hedef table read: say which pages looked like tables and what they lacked (``diagnose.py``)."""
    if not report.hedefler:
        report.issues.append(StructureIssue("no_hedef_table", detail=probe.detail()))


def _title_and_year(report: Report, lines: list) -> None:
    """The report's title: the first heading that names an izleme raporu (else a faaliyet raporu, the activity
    report), with the lines it wraps onto."""
    named = "izleme raporu" if any("izleme raporu" in fold(ln.text) for _, ln in lines) else "faaliyet raporu"
    for i, (page, ln) in enumerate(lines):
        if named not in fold(ln.text):
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
    else:  # no izleme raporu: a performance programme's title ("2025 YILI PERFORMANS PROGRAMI"), on a line of its own
        for _, ln in lines:
            folded = fold(ln.text)
            if "performans programi" in folded and len(ln.text) <= 120 and not re.search(r"\b(hazirla|bulunmaktadir|"
                                                                                        r"edilmis|verilmistir)", folded):
                report.title = squash(ln.text)
                break
    for _, ln in lines:  # the municipality: the first line that names a belediye (its own line, as printed)
        m = re.search(r"\bbelediye(si|\s+baskanligi)\b", fold(ln.text))
        if m and len(ln.text) <= 80:
            report.municipality = squash(ln.text)
            break
    for _, ln in lines:
        m = re.search(r"\b(20\d\d)\s*yili\b", fold(ln.text))
        if m:
            report.year = int(m.group(1))
            break


def draft_layout(path: Path, kind: str):
    """The blocks of a Word or Excel draft on their synthetic sheet (``reading/draft.py``)."""
    if kind == "docx":
        from .reading.docx_source import read_docx

        return read_docx(Path(path))
    if kind == "xlsx":
        from .reading.xlsx_source import read_xlsx

        return read_xlsx(Path(path))
    raise ValueError(kind)


def _clean_block(b) -> None:
    from .normalising.text import clean_text

    if b.text is not None:
        b.text.line.text = clean_text(b.text.line.text)
    if b.table is not None:
        for c in b.table.cells:
            for ln in c.lines:
                ln.text = clean_text(ln.text)
            c._flat = None  # its lines' texts changed in place


def extract_draft(path: Path, kind: str, layout=None) -> Report:
    """A Word or Excel draft read into the same report as the PDF printed from it (see ``reading/draft.py``)."""
    from .reading.draft import apply_refs

    path = Path(path)
    layout = layout if layout is not None else draft_layout(path, kind)
    asm = Assembler()
    title_lines: list[tuple[int, object]] = []
    text_chars = 0
    probe = LayoutProbe()
    for b in layout.blocks:
        _clean_block(b)  # draft text is as untrusted as a PDF's (an .xlsx may spell ESC as _x001B_)
        _probe(probe, b, layout.names.get(id(b.table)) if b.table is not None else None)
        if b.text is not None:
            text_chars += len(b.text.line.text)
            if len(title_lines) < 60:
                title_lines.append((b.page, b.text.line))
        elif b.table is not None:
            text_chars += sum(len(c.text) for c in b.table.cells)
        asm.feed(b)
    report = asm.finish()
    _diagnose(report, probe)
    report.engine = kind
    report.text_chars = text_chars
    report.source = Source(printable(str(path)), sha256_of(path), max((b.page for b in layout.blocks), default=1))
    _title_and_year(report, title_lines)
    apply_refs(report, layout)
    return report


def read_draft(path: Path, kind: str, limits: Limits | None = None) -> Report:
    """``extract_draft`` with the command line's checks: size, a damaged file, no hedef table (``UserError``)."""
    from .errors import UserError

    limits = limits or Limits()
    size_mb = path.stat().st_size / 1e6
    if size_mb > limits.max_megabytes:
        raise UserError("too_large", path=path, size=size_mb, limit=limits.max_megabytes)
    try:
        layout = draft_layout(path, kind)
        report = extract_draft(path, kind, layout)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged package is the file's problem, said in one line
        raise UserError("corrupt_draft", path=path, detail=f"{type(exc).__name__}: {exc}".split("\n")[0][:100]) \
            from None
    if not report.hedefler:
        raise unknown_layout_error(report, path, 0, draft=True)
    return report
