"""Bounds on hostile input, checked before anything costly is built.

* ``scan_pdf``: one pass over the file's bytes before any PDF library parses it. Every Flate stream is inflated
  *as a stream* (never held whole) and counted: one that would inflate past ``max_stream_bytes`` (a
  decompression bomb: a 1 MB file whose content stream inflates to a gigabyte) stops the run with a clear
  message. The same pass notes active content (JavaScript, Launch actions, embedded files, ``javascript:``
  links, form submission), also inside compressed object streams, so a finding can tell the reader.
* ``check_page``/``check_chars``: the number of page objects and characters of one page, counted by PDFium
  (``FPDFPage_CountObjects``, ``FPDFText_CountChars``) before a single Python object is built for them; a page
  over the limit raises ``PageTooLarge``, which extract.py turns into a reading-problem finding. The PDFium page
  source counts in its own walk of the page's objects (``check_objects`` for the page's own, then each form's
  before it is entered, ``pdfium_source._segments``) instead of walking them twice; ``check_page`` is the
  walk on its own (the pdfplumber engine's guard) and gives the count reported.

The limits live in ``extract.Limits``; the command line raises them with ``--max-page-chars``,
``--max-page-objects`` and ``--max-stream-mb``.
"""

from __future__ import annotations

import mmap
import re
import zlib
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError

DEFAULT_PAGE_CHARS = 50_000  # a dense A4 page of small print holds about 10,000
DEFAULT_PAGE_OBJECTS = 100_000  # a page of ruled tables holds a few thousand
DEFAULT_STREAM_MB = 16.0  # a page's content stream is rarely over 1 MB
IMAGE_FACTOR = 8  # an image stream may inflate to 8 times the stream limit (a 300 dpi colour A4 scan is 26 MB)


@dataclass
class PageLimits:
    max_chars: int = DEFAULT_PAGE_CHARS
    max_objects: int = DEFAULT_PAGE_OBJECTS


PAGE_LIMITS: ContextVar[PageLimits] = ContextVar("page_limits", default=PageLimits())


class PageTooLarge(Exception):
    def __init__(self, what: str, count: int, limit: int) -> None:
        super().__init__(f"{what} {count} > {limit}")
        self.what, self.count, self.limit = what, count, limit


def check_page(page) -> None:
    """Raise PageTooLarge if a PDFium page holds more objects than allowed (form XObjects counted inside,
    to the depth the page source reads)."""
    import pypdfium2.raw as raw

    limit = PAGE_LIMITS.get().max_objects
    handle = getattr(page, "raw", page)
    n = raw.FPDFPage_CountObjects(handle)
    if n > limit:
        raise PageTooLarge("objects", n, limit)
    total = n
    stack = [(raw.FPDFPage_GetObject(handle, i), 1) for i in range(n)]
    while stack:
        obj, depth = stack.pop()
        if depth > 4 or not obj or raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_FORM:
            continue
        k = raw.FPDFFormObj_CountObjects(obj)
        total += max(k, 0)
        if total > limit:
            raise PageTooLarge("objects", total, limit)
        stack.extend((raw.FPDFFormObj_GetObject(obj, j), depth + 1) for j in range(k))


def check_objects(n: int) -> None:
    """Raise PageTooLarge if a page holds more objects of its own than allowed (the PDFium page source counts
    the objects of its forms as it walks them, ``pdfium_source._segments``)."""
    limit = PAGE_LIMITS.get().max_objects
    if n > limit:
        raise PageTooLarge("objects", n, limit)


def check_chars(n: int) -> None:
    """Raise PageTooLarge if a text page counts more characters than allowed."""
    limit = PAGE_LIMITS.get().max_chars
    if n > limit:
        raise PageTooLarge("chars", n, limit)


class _MinerBudget:
    """Counts what pdfminer builds on one page, and stops it at the limit (pdfplumber's layout analysis costs
    about a kilobyte per character, so it must never run on a million-character page)."""

    chars = 0
    objects = 0
    installed = False
    active = False  # counting only while a guarded page is read (other pdfplumber users are left alone)

    @classmethod
    def install(cls) -> None:
        if cls.installed:
            return
        from pdfminer.converter import PDFLayoutAnalyzer

        render_char, paint_path = PDFLayoutAnalyzer.render_char, PDFLayoutAnalyzer.paint_path

        def counted_char(self, *args, **kwargs):
            if not cls.active:
                return render_char(self, *args, **kwargs)
            cls.chars += 1
            if cls.chars > PAGE_LIMITS.get().max_chars:
                raise PageTooLarge("chars", cls.chars, PAGE_LIMITS.get().max_chars)
            return render_char(self, *args, **kwargs)

        def counted_path(self, *args, **kwargs):
            if not cls.active:
                return paint_path(self, *args, **kwargs)
            cls.objects += 1
            if cls.objects > PAGE_LIMITS.get().max_objects:
                raise PageTooLarge("objects", cls.objects, PAGE_LIMITS.get().max_objects)
            return paint_path(self, *args, **kwargs)

        PDFLayoutAnalyzer.render_char = counted_char  # type: ignore[method-assign]
        PDFLayoutAnalyzer.paint_path = counted_path  # type: ignore[method-assign]
        cls.installed = True

    @classmethod
    def reset(cls, active: bool = True) -> None:
        cls.chars = cls.objects = 0
        cls.active = active


def too_large_cause(exc: BaseException) -> PageTooLarge | None:
    """The PageTooLarge inside a library's wrapper exception (pdfplumber wraps what pdfminer raises)."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, PageTooLarge):
            return exc
        inner = [a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)]
        exc = inner[0] if inner else (exc.__cause__ or exc.__context__)
        seen += 1
    return None


class PdfiumGuard:
    """The page check for engines that do not parse with PDFium (pdfplumber): PDFium counts the page's objects
    first, so pdfminer never interprets a page of a million paths; its characters are counted as pdfminer
    builds them and it is stopped at the limit (``_MinerBudget``)."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        import pypdfium2 as pdfium

        self.doc = pdfium.PdfDocument(str(path), password=password)
        _MinerBudget.install()

    def check(self, n: int) -> None:
        _MinerBudget.reset()
        page = self.doc[n - 1]
        try:
            check_page(page)  # characters are counted as pdfminer builds them (_MinerBudget): no text page here
        finally:
            page.close()

    def done(self) -> None:
        _MinerBudget.reset(active=False)

    def close(self) -> None:
        _MinerBudget.reset(active=False)
        self.doc.close()


# --- the byte scan --------------------------------------------------------------------------------------------

ACTIVE_PATTERNS = {
    "javascript": re.compile(rb"/(?:JavaScript|JS)(?![A-Za-z0-9])"),
    "launch": re.compile(rb"/Launch(?![A-Za-z0-9])"),
    "embedded_file": re.compile(rb"/(?:EmbeddedFiles?|FileAttachment)(?![A-Za-z0-9])"),
    "javascript_link": re.compile(rb"/URI\s*[(<]"),  # confirmed by _javascript_uri (strings may be escaped)
    "submit_form": re.compile(rb"/(?:SubmitForm|ImportData)(?![A-Za-z0-9])"),
    "rich_media": re.compile(rb"/(?:RichMedia|Movie|Sound|Screen)(?![A-Za-z0-9])"),
}
_STREAM = re.compile(rb"(?<!end)stream\r?\n|(?<!end)stream\r")
_CONTENTS = re.compile(rb"/Contents\s*\[([^\]]{0,100000})\]")
_REF = re.compile(rb"(\d+)\s+\d+\s+R")
_OBJ_NUM = re.compile(rb"(\d+)\s+\d+\s+obj$")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_CHUNK = 1 << 16
_OUT = 1 << 20


_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


def _pdf_string(buf, start: int, limit: int = 4096) -> bytes:
    """The PDF string that starts at ``buf[start]`` (``(literal)`` with its escapes, or ``<hex>``), decoded."""
    raw = bytes(buf[start:start + limit])
    if raw[:1] == b"<":
        hexits = re.match(rb"<([0-9A-Fa-f\s]*)>?", raw).group(1)
        hexits = re.sub(rb"\s", b"", hexits)
        return bytes.fromhex((hexits + b"0" * (len(hexits) % 2)).decode())
    out = bytearray()
    i, depth = 1, 1
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):  # backslash
            m = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
            if m:
                out.append(int(m.group(0), 8) & 0xFF)
                i += 1 + len(m.group(0))
                continue
            out += _ESCAPES.get(raw[i + 1], bytes([raw[i + 1]]))
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                break
        out.append(c)
        i += 1
    return bytes(out)


def _javascript_uri(buf, start: int) -> bool:
    text = _pdf_string(buf, start)
    if text.startswith(b"\xfe\xff"):
        text = text[2:].decode("utf-16-be", "ignore").encode("latin-1", "ignore")
    return re.sub(rb"[\x00-\x20]", b"", text).lower().startswith((b"javascript:", b"vbscript:", b"data:"))


@dataclass
class ScanResult:
    active: list[str] = field(default_factory=list)  # kinds of active content found, in ACTIVE_PATTERNS order
    largest_stream: int = 0  # bytes, the largest inflated Flate stream


class StreamTooLarge(Exception):
    pass


def _inflate_size(data, start: int, layers: int, limit: int, keep: bool) -> tuple[int, bytes | None]:
    """Inflate ``layers`` chained Flate layers from ``data[start:]`` chunk by chunk; return the final size (or
    raise StreamTooLarge past ``limit``) and, if ``keep``, the bytes (then bounded by ``limit``)."""
    decoders = [zlib.decompressobj() for _ in range(layers)]
    total = 0
    kept: list[bytes] = [] if keep else None  # type: ignore[assignment]
    pos = start
    end = len(data)

    def push(level: int, chunk: bytes) -> None:
        nonlocal total
        d = decoders[level]
        while chunk and not d.eof:
            out = d.decompress(chunk, _OUT)
            chunk = d.unconsumed_tail
            if level + 1 < layers:
                push(level + 1, out)
            else:
                total += len(out)
                if total > limit:
                    raise StreamTooLarge(total)
                if keep and out:
                    kept.append(out)

    try:
        while pos < end and not decoders[0].eof:
            push(0, bytes(data[pos:pos + _CHUNK]))
            pos += _CHUNK
    except zlib.error:
        pass  # not Flate after all, encrypted, or damaged: PDFium decides; nothing inflated past the limit
    return total, (b"".join(kept) if keep else None)


def _image_bodies(data) -> list[tuple[int, int]]:
    """(start, end) of the body of every image stream of the raw file (between ``stream`` and ``endstream``)."""
    out = []
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048):m.start()]
        obj = head.rfind(b"obj")
        head = head[obj + 3:] if obj >= 0 else head
        if b"/Image" in head and re.search(rb"/Subtype\s*/Image", head):
            end = data.find(b"endstream", m.end())
            out.append((m.end(), end if end >= 0 else len(data)))
    return out


def scan_pdf(path: Path, max_stream_bytes: int) -> ScanResult:
    """One pass over the raw file (see the module doc). Raises StreamTooLarge."""
    result = ScanResult()
    found: set[str] = set()

    def look(buf) -> None:
        if b"#" in buf and re.search(rb"/[A-Za-z]*#[0-9A-Fa-f]{2}", buf):
            buf = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), bytes(buf))
        for kind, pat in ACTIVE_PATTERNS.items():
            if kind in found:
                continue
            if kind == "javascript_link":
                if any(_javascript_uri(buf, m.end() - 1) for m in pat.finditer(buf)):
                    found.add(kind)
            elif pat.search(buf):
                found.add(kind)

    with open(path, "rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty file
            return result
        try:
            # an image's encoded bytes (a scan's JPEG, in ASCII85 too) hold "/JS" by chance: not a name of the
            # file, so the image bodies are left out of the look
            bodies = _image_bodies(data)
            if bodies:
                edges = [0] + [e for span in bodies for e in span] + [len(data)]
                look(b"\n".join(data[edges[k]:edges[k + 1]] for k in range(0, len(edges), 2)))
            else:
                look(data)
            sizes: dict[int, int] = {}  # object number -> inflated size, for pages with several streams
            contents: list[bytes] = _CONTENTS.findall(data)
            for m in _STREAM.finditer(data):
                head = data[max(0, m.start() - 2048):m.start()]
                obj = head.rfind(b"obj")
                num = _OBJ_NUM.search(head[max(0, obj - 24):obj + 3]) if obj >= 0 else None
                head = head[obj + 3:] if obj >= 0 else head
                image = b"/Image" in head and re.search(rb"/Subtype\s*/Image", head) is not None
                filt = re.search(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)", head)
                if not filt:
                    continue
                names = re.findall(rb"/([A-Za-z0-9]+)", filt.group(1))
                layers = 0
                for nm in names:
                    if nm in (b"FlateDecode", b"Fl"):
                        layers += 1
                    else:
                        break
                if not layers:
                    continue
                objstm = re.search(rb"/Type\s*/ObjStm", head) is not None
                limit = max_stream_bytes * IMAGE_FACTOR if image else max_stream_bytes
                size, kept = _inflate_size(data, m.end(), layers, limit, objstm)
                result.largest_stream = max(result.largest_stream, size)
                if num is not None:
                    sizes[int(num.group(1))] = size
                if kept:
                    look(kept)
                    contents += _CONTENTS.findall(kept)
            # a page's content may be an array of streams, each under the limit: their sum is what is parsed
            for refs in contents:
                total = sum(sizes.get(int(r), 0) for r in _REF.findall(refs))
                if total > max_stream_bytes:
                    raise StreamTooLarge(total)
        finally:
            data.close()
    result.active = [k for k in ACTIVE_PATTERNS if k in found]
    return result


def scan_or_fail(path: Path, max_stream_mb: float) -> ScanResult:
    try:
        return scan_pdf(path, int(max_stream_mb * 1e6))
    except StreamTooLarge:
        raise UserError("stream_too_large", path=path, limit=max_stream_mb) from None
