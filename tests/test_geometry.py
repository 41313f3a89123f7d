"""Page geometry: the same report gives the same cells and findings whatever its page boxes and rotation.

Variants of the committed fixtures are made at test time with pikepdf, changing only the page geometry:

- ``rotate90`` / ``rotate180``: ``/Rotate`` added to every page, content untouched (a viewer shows the pages
  turned; the text still reads upright in the page's own content frame);
- ``rotate270-alternate``: the same on every other page;
- ``upright90`` / ``upright270-alternate``: the realistic landscape case: the content drawn turned on a page
  whose MediaBox is swapped, with a ``/Rotate`` that makes the viewer show it upright again;
- ``cropbox``: a CropBox 12 pt inside the MediaBox;
- ``origin``: the MediaBox moved to (100, 200) and the content with it (``1 0 0 1 100 200 cm``);
- ``mix``: all of these combined, a different one on each page.

Every variant is read by both engines and compared with the original: cell for cell against the fixture's
ground truth (the small guide-layout reports, whole) or the original's cells (pages of the Çiğli report), finding
for finding (rule, place, values, message), and box for box: the frame is the page as laid out, which a
CropBox does not move. The outputs (evidence crops, the annotated copy, every format of
``check``) are checked on the variants of the small guide-layout report.
"""

from __future__ import annotations

import json

from pathlib import Path

import pytest

from izlem_audit.extract import extract
from izlem_audit.reading.geometry import PageFrame, choose_turn, quarter, text_turn, visible_box
from fixtures.build.geometry import VARIANTS, make_variant
from izlem_audit.rules.engine import run_rules

from test_extraction import compare, truth_for

pytest.importorskip("pikepdf")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "pdfs"


# --- the frame, once per case --------------------------------------------------------------------------------

def _corners(frame: PageFrame):
    x0, y0, x1, y1 = frame.box
    # user-space corners: top-left, top-right, bottom-right, bottom-left of the unturned box
    return [(x0, y1), (x1, y1), (x1, y0), (x0, y0)]


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
@pytest.mark.parametrize("box", [(0, 0, 595, 842), (100, 200, 695, 1042), (12, 12, 583, 830)])
def test_frame_maps_the_box_turned_clockwise(turn, box):
    frame = PageFrame(tuple(float(v) for v in box), rotate=0, turn=turn)
    w, h = box[2] - box[0], box[3] - box[1]
    assert (frame.width, frame.height) == ((h, w) if turn in (90, 270) else (w, h))
    # the unturned box's corners (TL, TR, BR, BL) land on the frame's corners turned clockwise by ``turn``
    W, H = frame.width, frame.height
    frame_corners = [(0, 0), (W, 0), (W, H), (0, H)]
    k = turn // 90
    for i, corner in enumerate(_corners(frame)):
        assert frame.point(*corner) == pytest.approx(frame_corners[(i + k) % 4])
    # inverse, points and rectangles
    for p in [(box[0] + 10.5, box[1] + 30.25), (box[2] - 1, box[3] - 7)]:
        assert frame.user_point(*frame.point(*p)) == pytest.approx(p)
    r = (box[0] + 40, box[1] + 100, box[0] + 90, box[1] + 112)
    fr = frame.rect(*r)
    assert fr[0] < fr[2] and fr[1] < fr[3]
    assert frame.user_rect(fr) == pytest.approx(r)
    # an engine whose space starts at the MediaBox corner: the same point through a shifted affine
    a, b, c, d, e, f = frame.affine(box[0], box[1])
    x, y = 50.0, 60.0
    assert (a * x + c * y + e, b * x + d * y + f) == pytest.approx(frame.point(x + box[0], y + box[1]))


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_the_cropbox_is_a_window_on_the_frame(turn):
    """A CropBox moves nothing in the frame; it is the part of it a viewer (and PDFium) shows."""
    media, crop = (100.0, 200.0, 695.0, 1042.0), (112.0, 212.0, 683.0, 1030.0)
    frame, plain = PageFrame(media, 0, turn, crop), PageFrame(media, 0, turn)
    assert frame.point(300, 500) == plain.point(300, 500)
    assert frame.visible == pytest.approx((12, 12, frame.width - 12, frame.height - 12))
    assert plain.visible == (0.0, 0.0, plain.width, plain.height)


def test_text_direction_and_turn():
    assert [text_turn(1, 0), text_turn(0, 1), text_turn(-1, 0), text_turn(0, -1)] == [0, 90, 180, 270]
    assert text_turn(0.99, 0.05) == 0  # a slightly slanted baseline is still horizontal
    assert quarter(-90) == 270 and quarter(450) == 90
    assert choose_turn([], 90) == 90  # no text (a scan): the viewer's orientation
    assert choose_turn([0, 0, 90], 90) == 0  # upright content on a page displayed sideways
    assert choose_turn([90, 90, 0], 90) == 90  # landscape content displayed upright
    assert choose_turn([0, 90], 90) == 90  # a tie keeps the viewer's orientation


def test_visible_box_is_the_cropbox_within_the_mediabox():
    assert visible_box([0, 0, 600, 800], [12, 12, 588, 788]) == (12, 12, 588, 788)
    assert visible_box([0, 0, 600, 800], [-10, 20, 700, 780]) == (0, 20, 600, 780)
    assert visible_box([600, 800, 0, 0]) == (0, 0, 600, 800)  # any two opposite corners
    assert visible_box([0, 0, 600, 800], [700, 900, 800, 1000]) == (0, 0, 600, 800)  # no overlap: MediaBox


@pytest.mark.parametrize("turn,rotate", [(0, 0), (0, 90), (90, 90), (270, 270), (0, 180), (180, 0)])
def test_render_rotation_draws_the_frame(turn, rotate):
    """PDFium adds its render rotation to /Rotate: the sum is the frame's turn."""
    frame = PageFrame((0.0, 0.0, 595.0, 842.0), rotate, turn)
    assert (rotate + frame.render_rotation) % 360 == turn


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


# --- variants of the fixtures (fixtures/build/geometry.py) ------------------------------------------------

# every fixture: the small reports whole, pages 5-8 of the Çiğli renderings (in the LibreOffice and reportlab
# ones A1 H2 starts on page 6 and goes on on page 7, which "mix" gives another CropBox and rotation: a
# continued table keeps its columns; the browser renderings break rows across those pages)
CASES = {p.name: (None if _page_count(p) <= 4 else [5, 6, 7, 8]) for p in sorted(FIXTURES.glob("*.pdf"))}
ENGINES = ["pdfplumber", "pdfium"]


def _finding_key(f):
    r = lambda v: None if v is None else round(v, 4)  # noqa: E731
    return (f.rule, f.severity, f.amac, f.hedef, f.performans_hedefi, f.item, f.period, f.field,
            r(f.reported), r(f.expected), f.message)


@pytest.fixture(scope="module")
def originals():
    cache = {}

    def get(pdf: str, engine: str):
        if (pdf, engine) not in cache:
            report = extract(FIXTURES / pdf, engine=engine, pages=CASES[pdf])
            findings, _ = run_rules(report)
            cache[pdf, engine] = (report, findings)
        return cache[pdf, engine]
    return get


def _boxes(d, path="", out=None):
    """Every (page, bbox) in a report@1 dict, by where it is."""
    out = {} if out is None else out
    if isinstance(d, dict):
        if "bbox" in d and "page" in d and d["bbox"]:
            out[path] = (d["page"], d["bbox"])
        for k, v in d.items():
            _boxes(v, f"{path}.{k}", out)
    elif isinstance(d, list):
        for i, v in enumerate(d):
            _boxes(v, f"{path}[{i}]", out)
    return out


def _reading_cases():
    for pdf in CASES:
        for variant in VARIANTS:
            for engine in ENGINES:
                yield pytest.param(pdf, variant, engine, id=f"{pdf[:-4]}-{variant}-{engine}")
    # camelot (the slow third engine, on a copy of the page in its frame): the small report
    for variant in VARIANTS:
        yield pytest.param("rehber-2025-6-reportlab.pdf", variant, "camelot", id=f"rehber-reportlab-{variant}-camelot")


@pytest.mark.parametrize("pdf,variant,engine", list(_reading_cases()))
def test_variant_reads_as_the_original(pdf, variant, engine, originals, tmp_path):
    if engine == "camelot":
        pytest.importorskip("camelot")
    src = FIXTURES / pdf
    out = tmp_path / f"{src.stem}-{variant}.pdf"
    make_variant(src, variant, out)
    before = src.read_bytes()
    report = extract(out, engine=engine, pages=CASES[pdf])
    assert src.read_bytes() == before
    orig_report, orig_findings = originals(pdf, engine)
    got = report.to_dict(evidence=False)

    diffs: list[str] = []
    if CASES[pdf] is None:  # the whole report: against its independent ground truth
        n = compare(truth_for(src), got, "report", diffs)
    else:  # some pages: against the original's cells (tests/test_extraction.py holds those to the truth)
        n = compare(orig_report.to_dict(evidence=False), got, "report", diffs)
    print(f"\n{pdf} {variant} [{engine}]: {n} cells compared, {len(diffs)} differ")
    assert n > 100
    assert not diffs, "\n".join(diffs[:30])

    findings, _ = run_rules(report)
    assert sorted(map(_finding_key, findings), key=repr) == sorted(map(_finding_key, orig_findings), key=repr)

    # every box in the frame is the original's (camelot finds its grid in a raster image, whose pixels fall
    # differently on a turned or cropped page: within a point)
    tol = 1.0 if engine == "camelot" else 0.02
    want = _boxes(orig_report.to_dict())
    have = _boxes(report.to_dict())
    assert want.keys() == have.keys() and want
    for k, (page, box) in want.items():
        page2, box2 = have[k]
        assert page2 == page and box2 == pytest.approx(box, abs=tol), k
    by_key = lambda f: repr(_finding_key(f))  # noqa: E731  (a None beside a text in the same place of two keys)
    for f, g in zip(sorted(orig_findings, key=by_key), sorted(findings, key=by_key)):
        if f.bbox:
            assert g.page == f.page and g.bbox == pytest.approx(f.bbox, abs=tol)


def test_a_variant_really_changes_the_geometry(tmp_path):
    """The variants are what they say: PDFium sees the boxes and rotation the test asked for."""
    import pypdfium2 as pdfium

    src = FIXTURES / "rehber-2025-6-reportlab.pdf"
    seen = {}
    for name in ("rotate90", "upright270-alternate", "cropbox", "origin"):
        out = tmp_path / f"{name}.pdf"
        make_variant(src, name, out)
        doc = pdfium.PdfDocument(str(out))
        p = doc[0]
        seen[name] = (p.get_rotation(), tuple(round(v) for v in p.get_mediabox()), tuple(round(v) for v in p.get_cropbox()))
        p.close()
        doc.close()
    assert seen["rotate90"][0] == 90
    assert seen["upright270-alternate"][:2] == (270, (0, 0, 842, 595))
    assert seen["cropbox"][2] == (12, 12, 583, 830)
    assert seen["origin"][1] == (100, 200, 695, 1042)


# --- outputs: evidence crops, the annotated copy, every format -------------------------------------------------

REHBER = "rehber-2025-6-reportlab.pdf"
SCALE = 2.0


def _gray(img):
    import numpy as np

    return np.asarray(img.convert("L"), dtype=float)


def _close(a, b, tol_px: int = 2) -> float:
    """Mean absolute grey-level difference of two pictures of (nearly) the same size, on their common part."""
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    assert abs(a.shape[0] - b.shape[0]) <= tol_px and abs(a.shape[1] - b.shape[1]) <= tol_px, (a.shape, b.shape)
    return float(abs(a[:h, :w] - b[:h, :w]).mean())


def _variant_findings(variant: str, engine: str, tmp_path: Path):
    src = FIXTURES / REHBER
    out = tmp_path / f"{variant}.pdf"
    make_variant(src, variant, out)
    findings, _ = run_rules(extract(out, engine=engine))
    return out, sorted(findings, key=_finding_key)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_evidence_crop_shows_the_printed_row(variant, originals, tmp_path):
    """The crop of every finding on a variant is the original's crop: the row, upright, with the cell marked."""
    from io import BytesIO

    from PIL import Image

    from izlem_audit.output.evidence import crop_findings

    out, findings = _variant_findings(variant, "pdfium", tmp_path)
    _, orig_findings = originals(REHBER, "pdfium")
    orig_findings = sorted(orig_findings, key=_finding_key)
    mine = crop_findings(out, findings)
    theirs = crop_findings(FIXTURES / REHBER, orig_findings)
    assert len(mine) == len(theirs) >= 4
    for i in theirs:
        # the whole-row picture (the compact phone cut is made from the same bands)
        a, b = _gray(Image.open(BytesIO(theirs[i].full))), _gray(Image.open(BytesIO(mine[i].full)))
        assert (b < 128).mean() > 0.01  # not blank: printed text and rules
        assert _close(a, b) < 6, (variant, findings[i].rule)


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_the_rotated_page_shows_the_row_turned(angle, originals, tmp_path):
    """On a page the viewer turns (/Rotate, content untouched), the row's place in the rendered page is the
    original row's picture turned by the same angle (the place computed here independently of geometry.py)."""
    import pypdfium2 as pdfium
    from PIL import Image

    out = tmp_path / "r.pdf"
    make_variant(FIXTURES / REHBER, {90: "rotate90", 180: "rotate180", 270: "rotate90"}[angle], out)
    if angle == 270:
        make_variant(out, "rotate180", tmp_path / "r270.pdf")
        out = tmp_path / "r270.pdf"
    _, orig_findings = originals(REHBER, "pdfium")
    f = next(f for f in orig_findings if f.row_bbox)
    page_no = f.row_page or f.page

    def render(path):
        doc = pdfium.PdfDocument(str(path))
        try:
            page = doc[page_no - 1]
            w, h = page.get_width(), page.get_height()
            img = page.render(scale=SCALE).to_pil()
            return img, w, h
        finally:
            doc.close()

    orig, w, h = render(FIXTURES / REHBER)
    turned, _, _ = render(out)
    x0, top, x1, bottom = f.row_bbox
    row = orig.crop(tuple(round(v * SCALE) for v in (x0, top, x1, bottom)))
    # the page turned clockwise: (x, y) -> (H - y, x), (W - x, H - y), (y, W - x)
    place = {90: (h - bottom, x0, h - top, x1), 180: (w - x1, h - bottom, w - x0, h - top),
             270: (top, w - x1, bottom, w - x0)}[angle]
    got = turned.crop(tuple(round(v * SCALE) for v in place))
    want = row.transpose({90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                          270: Image.Transpose.ROTATE_90}[angle])
    assert (_gray(got) < 128).mean() > 0.01
    assert _close(_gray(want), _gray(got)) < 6


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_annotations_sit_on_the_cells(variant, engine, originals, tmp_path):
    """Drawn in the page frame, the annotated variant's highlights cover exactly the pixels the original's do:
    each sits on its finding's cell."""
    import numpy as np
    import pypdfium2 as pdfium

    from izlem_audit.output.annotate import write_annotated
    from izlem_audit.reading.geometry import pdfium_frame

    out, findings = _variant_findings(variant, engine, tmp_path)
    _, orig_findings = originals(REHBER, engine)
    # the highlights alone (labels and the legend page are placed differently on a turned page)
    write_annotated(FIXTURES / REHBER, orig_findings, tmp_path / "orig-ann.pdf", labels=False, legend=False)
    n = write_annotated(out, findings, tmp_path / "ann.pdf", labels=False, legend=False)
    assert n == len([f for f in findings if f.page and f.bbox]) >= 4

    def masks(path):
        doc = pdfium.PdfDocument(str(path))
        try:
            res = {}
            for k in sorted({f.page for f in findings if f.page}):
                page = doc[k - 1]
                frame = pdfium_frame(page)
                a = _gray(frame.render(page, 1.0, draw_annots=True))
                b = _gray(frame.render(page, 1.0, draw_annots=False))
                ys, xs = np.nonzero(abs(a - b) > 30)
                res[k] = (len(xs), xs.min(), ys.min(), xs.max(), ys.max())
                page.close()
            return res
        finally:
            doc.close()

    want, have = masks(tmp_path / "orig-ann.pdf"), masks(tmp_path / "ann.pdf")
    for k, (count, *box) in want.items():
        assert count > 100 and have[k][0] == pytest.approx(count, rel=0.1), (k, have[k], count)
        assert have[k][1:] == pytest.approx(box, abs=2), (k, have[k], box)


def _cli(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def _check(path: Path, engine: str, out: Path) -> Path:
    proc = _cli("check", str(path), "--engine", engine, "--format", "html,xlsx,md,json",
                "--output", str(out / "rapor"), "--annotate", str(out / "isaretli.pdf"), "-q")
    assert proc.returncode == 1, proc.stderr  # the fixture's planted errors, no crash
    for name in ("rapor.html", "rapor.xlsx", "rapor.md", "rapor.json", "isaretli.pdf"):
        assert (out / name).stat().st_size > 0
    return out


@pytest.fixture(scope="module")
def original_outputs(tmp_path_factory):
    cache = {}

    def get(engine: str) -> Path:
        if engine not in cache:
            cache[engine] = _check(FIXTURES / REHBER, engine, tmp_path_factory.mktemp(f"orig-{engine}"))
        return cache[engine]
    return get


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_check_writes_every_output(variant, engine, original_outputs, tmp_path):
    """``check`` as a user runs it on a variant: every format and the annotated copy written, the same findings
    as on the original, one crop picture per finding in the HTML, one highlight per located finding."""
    import re

    from openpyxl import load_workbook
    from pypdf import PdfReader

    pdf = tmp_path / f"{variant}.pdf"
    make_variant(FIXTURES / REHBER, variant, pdf)
    res = {"orig": original_outputs(engine), "var": _check(pdf, engine, tmp_path / "out")}
    keys = ("id", "rule", "severity", "amac", "hedef", "performans_hedefi", "item", "period", "reported",
            "expected", "message", "page")
    want, have = (json.loads((res[n] / "rapor.json").read_text(encoding="utf-8"))["findings"] for n in ("orig", "var"))
    assert [{k: f[k] for k in keys} for f in have] == [{k: f[k] for k in keys} for f in want]
    html = (res["var"] / "rapor.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<article class=\"finding ", html)) == len(have)
    assert html.count("data:image/png;base64,") >= len([f for f in have if f["bbox"]])
    assert (res["var"] / "rapor.md").read_text(encoding="utf-8").count("IZ") >= len(have)
    assert load_workbook(res["var"] / "rapor.xlsx").sheetnames == load_workbook(res["orig"] / "rapor.xlsx").sheetnames
    reader = PdfReader(str(res["var"] / "isaretli.pdf"))
    highlights = sum(1 for p in reader.pages for a in (p.get("/Annots") or [])
                     if a.get_object().get("/Subtype") == "/Highlight")
    assert highlights == len([f for f in have if f["page"] and f["bbox"]]) >= 4
