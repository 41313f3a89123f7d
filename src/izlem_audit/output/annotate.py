"""A copy of the original PDF with each finding marked where it is, and a legend page at the front.

Each finding with a place on a page gets a highlight on its cell (severity colour; the message in its comment)
and a visible label beside it (a FreeText annotation whose appearance is drawn here: rule, severity, the
finding's title, printed and correct value; suppressed findings grey with the management's explanation). On an
ordinary page the copy's page is widened by a margin on the right where the labels stand, level with their
cells, as comments in a word processor; on a turned or cropped page the label stands inside the page next to
the cell. The legend page says what the colours mean and lists the findings with their pages.

The input file is only read; the copy is written through a temporary file (atomic.write_atomic). Findings' boxes
are in the page frame (``reading/geometry.py``); each is mapped back to the page's PDF user space there, so the
highlight sits on the cell whatever the page's /Rotate, CropBox or MediaBox origin. Labels are pictures (their
Turkish letters need no font in the PDF).
"""

from __future__ import annotations

import zlib
from pathlib import Path

from ..rules.base import Finding

COLORS = {"error": "ff4d4d", "warning": "ffb020", "info": "4d9fff", "suppressed": "b0b0b0"}
INK = {"error": (180, 35, 24), "warning": (181, 71, 8), "info": (23, 92, 211), "suppressed": (102, 112, 133)}
PAPER = {"error": (254, 243, 242), "warning": (255, 250, 235), "info": (239, 248, 255),
         "suppressed": (242, 244, 247)}
MARGIN = 200.0  # points added on the right of an ordinary page for the labels
LABEL_W = 184.0  # points
PX = 4.0  # label pixels per point


def _kind(f: Finding) -> str:
    return "suppressed" if f.suppressed else f.severity


def write_annotated(pdf: Path, findings: list[Finding], out: Path, password: str | None = None,
                    labels: bool = True, legend: bool = True, report=None, rc=None, lang: str = "tr") -> int:
    """Write the annotated copy to ``out``; return the number of findings marked on their page."""
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
    placed: dict[int, list[Finding]] = {}
    first = writer.pages[0].mediabox if len(writer.pages) else None
    size = (float(first.width), float(first.height)) if first is not None else (595.0, 842.0)
    for f in findings:
        if not f.page or not f.bbox or f.page not in frames or f.page > len(writer.pages):
            continue
        frame = frames[f.page]
        llx, lly, urx, ury = frame.user_rect(f.bbox)
        quad = ArrayObject([FloatObject(v) for v in frame.user_quad(f.bbox)])
        annot = Highlight(rect=(llx, lly, urx, ury), quad_points=quad, highlight_color=COLORS[_kind(f)],
                          printing=True)
        text = f"{f.rule}: {f.message}"
        if f.suppressed:
            text += f" [{'bastırıldı' if lang != 'en' else 'suppressed'}: {f.suppression_reason or ''}]"
        annot[NameObject("/Contents")] = TextStringObject(text)
        annot[NameObject("/T")] = TextStringObject("izlem-audit")
        writer.add_annotation(page_number=f.page - 1, annotation=annot)
        placed.setdefault(f.page, []).append(f)
        n += 1
    if labels:
        for page_no, fs in placed.items():
            _labels(writer, page_no, frames[page_no], fs, lang)
    if legend:
        _legend_page(writer, findings, placed, report, rc, lang, size)
    with open(out, "wb") as fh:
        writer.write(fh)
    return n


# ------------------------------------------------------------------------------------------------- pictures

def _font(px: float, bold: bool = False):
    from .evidence import _font as font

    return font(px, bold)


def _wrap(text: str, font, width_px: float, draw) -> list[str]:
    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = f"{cur} {w}".strip()
        if draw.textlength(trial, font=font) <= width_px or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def _label_picture(f: Finding, lang: str, width_pt: float = LABEL_W):
    """The label of one finding as a picture: a coloured box with the rule, severity, title and values."""
    from PIL import Image, ImageDraw

    from . import finding_text as ft

    kind = _kind(f)
    ink, paper = INK[kind], PAPER[kind]
    w = int(width_pt * PX)
    pad = int(3 * PX)
    head_f, body_f, small_f = _font(7.5 * PX, True), _font(6.8 * PX), _font(6.3 * PX)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    title = (ft.tr_en(ft.RULE_TITLE[f.rule], lang) if f.rule in ft.RULE_TITLE else ft.category_label(f.category, lang))
    sev = ft.ui(f.severity, lang) + (f" · {ft.ui('suppressed', lang)}" if f.suppressed else "")
    rows: list[tuple[str, object, tuple]] = [(f"{f.rule} · {sev}", head_f, ink)]
    for line in _wrap(ft.cut(title, 90), body_f, w - 2 * pad - 4 * PX, probe):
        rows.append((line, body_f, (29, 41, 57) if not f.suppressed else ink))
    values = []
    labels = ft.VALUE_LABELS.get(f.rule)
    rep_label, exp_label = (ft.tr_en(labels, lang) if labels else None) or (ft.ui("printed", lang),
                                                                           ft.ui("recomputed", lang))
    if f.reported is not None:
        values.append(f"{rep_label.lower()} {ft._value(f, f.reported, lang)}")
    if f.expected is not None and exp_label:
        values.append(f"{exp_label.lower()} {ft._value(f, f.expected, lang)}")
    for line in _wrap(" · ".join(values), small_f, w - 2 * pad - 4 * PX, probe):
        rows.append((line, small_f, (52, 64, 84)))
    if f.suppressed:
        text = f"{ft.ui('idare', lang)}: {ft.cut(f.suppression_reason or '', 110)}"
        for line in _wrap(text, small_f, w - 2 * pad - 4 * PX, probe):
            rows.append((line, small_f, ink))
    line_h = int(8.6 * PX)
    h = pad * 2 + line_h * len(rows)
    img = Image.new("RGB", (w, h), paper)
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w - 1, h - 1], outline=ink, width=int(0.8 * PX))
    d.rectangle([0, 0, int(2.2 * PX), h - 1], fill=ink)
    y = pad
    for text, font, color in rows:
        d.text((pad + int(3 * PX), y), text, fill=color, font=font)
        y += line_h
    return img, h / PX


def _image_object(writer, img):
    """An RGB picture as a PDF image XObject (Flate)."""
    from pypdf.generic import NameObject, NumberObject, StreamObject

    stream = StreamObject()
    stream._data = zlib.compress(img.convert("RGB").tobytes(), 6)
    stream.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                   NameObject("/Width"): NumberObject(img.width), NameObject("/Height"): NumberObject(img.height),
                   NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
                   NameObject("/BitsPerComponent"): NumberObject(8), NameObject("/Filter"): NameObject("/FlateDecode")})
    return writer._add_object(stream)


def _form(writer, image_ref, w: float, h: float):
    """A form XObject that draws ``image_ref`` over w × h points: the appearance of a label."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

    form = StreamObject()
    form._data = f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode("ascii")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(w), FloatObject(h)]),
                 NameObject("/Resources"): DictionaryObject({NameObject("/XObject"): DictionaryObject(
                     {NameObject("/Im0"): image_ref})})})
    return writer._add_object(form)


# --------------------------------------------------------------------------------------------------- labels

def _labels(writer, page_no: int, frame, fs: list[Finding], lang: str) -> None:
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject,
                               RectangleObject, TextStringObject)

    page = writer.pages[page_no - 1]
    plain = frame.rotate == 0 and frame.turn == 0 and getattr(frame, "crop", None) is None
    pictures = [(f, *_label_picture(f, lang)) for f in fs]
    placed: list[tuple[Finding, object, float, tuple[float, float, float, float]]] = []
    if plain:
        mb = page.mediabox
        x0, y0, x1, y1 = float(mb.left), float(mb.bottom), float(mb.right), float(mb.top)
        page.mediabox = RectangleObject([x0, y0, x1 + MARGIN, y1])
        if "/CropBox" in page:
            page.cropbox = RectangleObject([x0, y0, x1 + MARGIN, y1])
        # level with their cells, top to bottom, never overlapping, kept on the page
        order = sorted(pictures, key=lambda p: -frame.user_rect(p[0].bbox)[3])
        tops: list[float] = []
        cursor = y1 - 6
        for f, img, h in order:
            top = min(frame.user_rect(f.bbox)[3] + 2, cursor)
            tops.append(top)
            cursor = top - h - 3
        overflow = (y0 + 6) - (tops[-1] - order[-1][2]) if order else 0
        if overflow > 0:  # pushed below the page: move them up from the bottom
            bottom = y0 + 6
            for i in range(len(order) - 1, -1, -1):
                h = order[i][2]
                tops[i] = min(tops[i], bottom + h)
                bottom = tops[i] + 3
        for (f, img, h), top in zip(order, tops):
            rect = (x1 + 8, top - h, x1 + 8 + LABEL_W, top)
            placed.append((f, img, h, rect))
    else:
        for f, img, h in pictures:
            bx0, btop, bx1, bbottom = f.bbox
            if frame.width - bx1 >= LABEL_W + 6:
                fr = (bx1 + 4, btop, bx1 + 4 + LABEL_W, btop + h)
            elif bx0 >= LABEL_W + 6:
                fr = (bx0 - 4 - LABEL_W, btop, bx0 - 4, btop + h)
            else:
                fr = (bx0, max(0.0, btop - h - 2), bx0 + LABEL_W, max(0.0, btop - h - 2) + h)
            placed.append((f, img, h, frame.user_rect(fr)))
    for f, img, h, rect in placed:
        image_ref = _image_object(writer, img)
        w = rect[2] - rect[0]
        hh = rect[3] - rect[1]
        ap = _form(writer, image_ref, w, hh)
        from . import finding_text as ft

        text = f"{f.rule} · {ft.ui(f.severity, lang)}: {f.message}"
        if f.suppressed:
            text += f" — {ft.ui('idare', lang)}: {f.suppression_reason or ''}"
        r, g, b = (c / 255 for c in INK[_kind(f)])
        annot = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/FreeText"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            NameObject("/Contents"): TextStringObject(text), NameObject("/T"): TextStringObject("izlem-audit"),
            NameObject("/DA"): TextStringObject(f"/Helv 7 Tf {r:.3f} {g:.3f} {b:.3f} rg"),
            NameObject("/F"): NumberObject(4 | (16 if not plain and frame.rotate else 0)),  # print (no-rotate)
            NameObject("/C"): ArrayObject([FloatObject(r), FloatObject(g), FloatObject(b)]),
            NameObject("/NM"): TextStringObject(f"izlem-audit-label-{getattr(f, 'id', '') or f.rule}"),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): ap}),
        })
        writer.add_annotation(page_number=page_no - 1, annotation=annot)


# --------------------------------------------------------------------------------------------------- legend

def _legend_page(writer, findings: list[Finding], placed: dict[int, list[Finding]], report, rc, lang: str,
                 size: tuple[float, float]) -> None:
    """A page at the front: what the copy is, what the colours mean, and the findings with their pages."""
    from PIL import Image, ImageDraw
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    from . import finding_text as ft

    width, height = size
    if width > height:  # the legend reads upright on A4 portrait whatever the report's first page
        width, height = 595.0, 842.0
    width, height = min(max(width, 420.0), 842.0), min(max(height, 595.0), 1191.0)
    k = 2.5
    img = Image.new("RGB", (int(width * k), int(height * k)), (255, 255, 255))
    d = ImageDraw.Draw(img)
    m = 40 * k
    y = m
    en = lang == "en"

    def line(text, size=10.0, bold=False, color=(29, 41, 57), indent=0.0):
        nonlocal y
        font = _font(size * k, bold)
        for part in _wrap(text, font, img.width - 2 * m - indent * k, d):
            if y > img.height - m:
                return
            d.text((m + indent * k, y), part, fill=color, font=font)
            y += size * k * 1.35

    line("izlem-audit — " + ("annotated copy" if en else "işaretli kopya"), 16, True)
    if report is not None:
        if report.municipality:
            line(report.municipality, 11, True)
        if report.title:
            line(report.title, 10)
    if report is not None and rc is not None:
        hl = ft.headline(report, findings, rc)
        line(ft.verdict(hl, lang)[0], 10.5, True, (180, 35, 24) if hl.errors else (29, 41, 57))
    y += 4 * k
    line(("This is a copy: the original file was not changed. Each finding is highlighted on its cell and "
          "labelled in the margin on the right, level with it. Page numbers are the report's own; this page was "
          "added in front.") if en else
         ("Bu bir kopyadır; özgün dosya değiştirilmedi. Her bulgu hücresinde renkle işaretlendi ve sağ kenardaki "
          "etiketle, aynı hizada açıklandı. Sayfa numaraları raporun kendi numaralarıdır; bu sayfa başa eklendi."),
         9.5)
    y += 6 * k
    line("Colours" if en else "Renkler", 11, True)
    for kind, label in (("error", ft.ui("error", lang) + (" — the figure does not reconcile or is missing" if en else
                                                         " — rakam tutmuyor ya da eksik")),
                        ("warning", ft.ui("warning", lang) + (" — adds up but looks wrong" if en else
                                                             " — tutuyor ama kuşku uyandırıyor")),
                        ("info", ft.ui("info", lang) + (" — a note" if en else " — bilgi notu")),
                        ("suppressed", ft.ui("suppressed", lang) + (" — explained by the management (grey)" if en
                                                                   else " — idare açıklamasıyla bastırıldı (gri)"))):
        d.rectangle([m, y + 2 * k, m + 22 * k, y + 11 * k], fill=PAPER[kind], outline=INK[kind], width=int(1.5 * k))
        font = _font(9.5 * k)
        d.text((m + 28 * k, y), label, fill=INK[kind], font=font)
        y += 14 * k
    y += 6 * k
    line("Findings" if en else "Bulgular", 11, True)
    located = [(p, f) for p, fs in sorted(placed.items()) for f in fs]
    unplaced = [f for f in findings if not any(f is g for _, g in located)]
    for p, f in located + [(None, f) for f in unplaced]:
        where = (f"s. {p}" if not en else f"p. {p}") if p else "—"
        title = ft.tr_en(ft.RULE_TITLE[f.rule], lang) if f.rule in ft.RULE_TITLE else f.category
        place = ft._place(f, lang)  # printed codes (PG1.2.2), month included
        if getattr(f, "caused_by", None):
            title += " (" + ft.ui("consequence", lang) + ")"
        if y > img.height - m - 14 * k:
            line("…", 9)
            break
        line(f"{where:>7}  {f.rule}  {ft.ui(f.severity, lang)}{' (' + ft.ui('suppressed', lang) + ')' if f.suppressed else ''}"
             f" — {ft.cut(title, 60)}{' — ' + place if place else ''}", 8.5, False, INK[_kind(f)])
    image_ref = _image_object(writer, img)
    writer.insert_blank_page(width, height, 0)
    page = writer.pages[0]
    content = StreamObject()
    content._data = f"q {width:.2f} 0 0 {height:.2f} 0 0 cm /Lg Do Q".encode("ascii")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Lg"): image_ref})})


def _frames(pdf: Path, pages: set[int], password: str | None):
    import pypdfium2 as pdfium

    from ..reading.geometry import pdfium_frames

    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        return pdfium_frames(doc, sorted(pages))
    finally:
        doc.close()
