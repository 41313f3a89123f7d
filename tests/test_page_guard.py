"""The page-object guard as the PDFium source applies it: counted in the same walk that reads the ruling lines.

The PDFium source no longer walks a page's objects twice (once to count them, once to read them): the page's
own objects are counted before any is read, a form's objects are added before the form is entered. These tests
pin that this walk stops where the guard's own count (``guard.check_page``) does and reports the same number.
"""

from __future__ import annotations

import pytest

from izlem_audit.guard import PAGE_LIMITS, PageLimits, PageTooLarge, check_page
from izlem_audit.reading.pdfium_source import page_content

from hostile_pdfs import raw_pdf

LINES_OUTER, LINES_INNER = 50, 30


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return dictionary[:-2] + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def nested_forms(path):
    """A page that draws a form twice (moved 300 pt apart); the form holds 50 horizontal rules and another
    form of 30: 2 + 2 x (50 + 1) + 2 x 30 = 164 objects, of which 2 on the page itself."""
    outer = b"".join(b"0.5 w 20 %d m 500 %d l S\n" % (30 + 5 * i, 30 + 5 * i) for i in range(LINES_OUTER)) + b"/Fm1 Do\n"
    inner = b"".join(b"0.5 w 20 %d m 500 %d l S\n" % (290 + 2 * i, 290 + 2 * i) for i in range(LINES_INNER))
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] %s >>"
    objs = [_stream(form % b"/Resources << /XObject << /Fm1 7 0 R >> >>", outer), _stream(form % b"", inner)]
    page = b"q 1 0 0 1 0 0 cm /Fm0 Do Q q 1 0 0 1 0 400 cm /Fm0 Do Q"
    raw_pdf(path, [page], compress=False, extra_objects=objs)
    # the page's resources name the form (object 6): raw_pdf writes fonts only
    data = path.read_bytes().replace(b"/Resources << /Font << /F1 3 0 R >> >>",
                                     b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm0 6 0 R >> >>")
    path.write_bytes(_fix_xref(data))
    return path


def _fix_xref(data: bytes) -> bytes:
    """Recompute the cross-reference offsets after an edit (pdfium would repair it, but without a warning)."""
    import re

    head = data[: data.index(b"xref\n")]
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", head)]
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return head + table + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, len(head))


@pytest.fixture()
def doc(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(nested_forms(tmp_path / "forms.pdf")))
    yield pdf
    pdf.close()


def _with_limit(limit: int, fn):
    token = PAGE_LIMITS.set(PageLimits(max_objects=limit))
    try:
        return fn()
    finally:
        PAGE_LIMITS.reset(token)


def test_every_rule_inside_nested_forms_is_read_at_the_limit(doc):
    content = _with_limit(164, lambda: page_content(doc, 1))
    horizontal = [s for s in content.segments if s.top == s.bottom and s.x1 - s.x0 > 400]
    assert len(horizontal) == 2 * (LINES_OUTER + LINES_INNER)


def test_one_object_over_the_limit_stops_with_the_guards_own_count(doc):
    with pytest.raises(PageTooLarge) as walked:
        _with_limit(163, lambda: page_content(doc, 1))
    page = doc[0]
    try:
        with pytest.raises(PageTooLarge) as counted:
            _with_limit(163, lambda: check_page(page))
    finally:
        page.close()
    assert (walked.value.what, walked.value.count, walked.value.limit) == ("objects", 164, 163)
    assert (counted.value.count, counted.value.limit) == (164, 163)


def test_the_pages_own_objects_are_counted_before_any_is_read(doc, monkeypatch):
    from izlem_audit.reading import pdfium_source

    def no_read(*a, **k):
        raise AssertionError("objects read on a page over the limit")

    monkeypatch.setattr(pdfium_source, "_segments", no_read)
    monkeypatch.setattr(pdfium_source, "_chars", no_read)
    with pytest.raises(PageTooLarge) as big:
        _with_limit(1, lambda: page_content(doc, 1))
    assert big.value.count == 2
