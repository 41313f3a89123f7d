"""Hostile PDFs, built at test time (each a few KB to about a megabyte), for tests/test_hostile_limits.py.

Raw files are written byte by byte (``raw_pdf``); cases that need a real report to be audited start from a
fixture PDF and are changed with pypdf, so the report still reads and the hostile part is the only difference.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-reportlab.pdf"


def raw_pdf(path: Path, contents: list[bytes], size: tuple[float, float] = (595, 842), compress: bool = True,
            extra_catalog: bytes = b"", extra_objects: list[bytes] | None = None) -> Path:
    """A PDF with one page per content stream (Helvetica as /F1), written by hand."""
    objs: list[bytes] = []
    n_pages = len(contents)
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b" >>")
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages)
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, c in enumerate(contents):
        page_no = first_page + 2 * i
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (size[0], size[1], page_no + 1))
        if compress:
            data = _deflate(c)
            objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        else:
            objs.append(b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream")
    objs.extend(extra_objects or [])
    return write_objects(path, objs)


def write_objects(path: Path, objs: list[bytes], header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") -> Path:
    """A PDF file of these objects (numbered from 1, the catalog first) with its cross-reference table."""
    out = bytearray(header)
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _deflate(data: bytes | list[bytes]) -> bytes:
    co = zlib.compressobj(9)
    parts = [co.compress(d) for d in (data if isinstance(data, list) else [data])]
    return b"".join(parts) + co.flush()


def million_chars(path: Path) -> Path:
    """One page showing 1,000,000 characters: a 3 KB file."""
    return raw_pdf(path, [b"BT /F1 1 Tf 10 10 Td (" + b"A" * 1_000_000 + b") Tj ET"])


def many_paths(path: Path, n: int = 400_000) -> Path:
    """One page of ``n`` tiny path objects (ruling-line candidates)."""
    return raw_pdf(path, [b"0.1 w\n" + b"10 10 m 11 10 l S\n" * n])


def inflation_bomb(path: Path, megabytes: int = 1100) -> Path:
    """One page whose content stream inflates to more than a gigabyte: a file of about a megabyte."""
    co = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = bytearray(co.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"))
    for _ in range(megabytes):
        data += co.compress(chunk)
    data += co.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + bytes(data) + b"\nendstream"
    out = raw_pdf(path, [b""], compress=False)
    # swap the page's empty stream for the bomb (rewriting offsets is not needed: PDFium rebuilds the xref)
    body = out.read_bytes()
    body = body.replace(b"<< /Length 0 >>\nstream\n\nendstream", stream)
    path.write_bytes(body)
    return path


def _fixture_writer(src: Path = FIXTURE):
    from pypdf import PdfReader, PdfWriter

    return PdfWriter(clone_from=PdfReader(str(src)))


def _save(writer, path: Path) -> Path:
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def huge_pages(path: Path, side: float = 7200.0, src: Path = FIXTURE) -> Path:
    """The fixture report with every page 7,200 × 7,200 pt (the content stays in its corner)."""
    from pypdf.generic import RectangleObject

    w = _fixture_writer(src)
    for page in w.pages:
        box = RectangleObject([0, 0, side, side])
        page.mediabox = box
        page.cropbox = box
    return _save(w, path)


def self_listing_pages(path: Path, src: Path = FIXTURE) -> Path:
    """The fixture report whose root Pages node lists itself among its kids."""
    from pypdf.generic import NameObject

    w = _fixture_writer(src)
    pages = w._root_object["/Pages"]
    pages_obj = pages.get_object()
    kids = pages_obj["/Kids"]
    kids.append(pages_obj.indirect_reference)
    pages_obj[NameObject("/Kids")] = kids
    return _save(w, path)


def _font_streams(writer):
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            yield ref.get_object()


def without_tounicode(path: Path, src: Path = FIXTURE) -> Path:
    """The fixture report with every font's ToUnicode map removed: the text layer no longer decodes."""
    w = _fixture_writer(src)
    for font in _font_streams(w):
        if "/ToUnicode" in font:
            del font["/ToUnicode"]
    return _save(w, path)


def remap_glyph(path: Path, src: Path, char: str, to: str) -> Path:
    """``src`` with every ToUnicode entry that maps to ``char`` mapped to ``to`` (e.g. ``§`` -> ESC)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import StreamObject

    w = PdfWriter(clone_from=PdfReader(str(src)))
    old = ("<%04X>" % ord(char)).encode()
    new = ("<%04X>" % ord(to)).encode()
    done = 0
    for font in _font_streams(w):
        tu = font.get("/ToUnicode")
        if tu is None:
            continue
        stream: StreamObject = tu.get_object()
        data = stream.get_data()
        changed = re.sub(re.escape(old), new, data, flags=re.I)
        if changed != data:
            stream.set_data(changed)
            done += 1
    assert done, f"no font maps {char!r}"
    return _save(w, path)


def with_active_content(path: Path, src: Path = FIXTURE) -> Path:
    """``src`` with JavaScript on open, a Launch link, a ``javascript:`` link and an embedded .exe."""
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject,
                               TextStringObject)

    w = _fixture_writer(src)
    w._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    w.add_attachment("guncelleme.exe", b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode")

    def link(action: DictionaryObject, y: float) -> DictionaryObject:
        return DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(50), FloatObject(y), FloatObject(200), FloatObject(y + 20)]),
            NameObject("/Border"): ArrayObject([NumberObject(0)] * 3), NameObject("/A"): action})

    page = w.pages[0]
    annots = ArrayObject([
        w._add_object(link(DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                                             NameObject("/F"): TextStringObject("cmd.exe")}), 10)),
        w._add_object(link(DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                             NameObject("/URI"): TextStringObject("javascript:alert(3)")}), 40)),
    ])
    page[NameObject("/Annots")] = annots
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(4)")})})
    return _save(w, path)


def many_content_streams(path: Path, streams: int = 4, paths_each: int = 600_000) -> Path:
    """One page whose /Contents is an array of streams, each under the stream limit, together over it."""
    body = b"10 10 m 11 10 l S\n" * paths_each
    data = _deflate(body)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [" +
            b" ".join(b"%d 0 R" % (4 + i) for i in range(streams)) + b"] >>"]
    objs += [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"] * streams
    return write_objects(path, objs, header=b"%PDF-1.7\n")
