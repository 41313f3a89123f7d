"""The report formats, checked for content: every finding in the HTML with a crop picture, numbers as numbers in
the workbook, one annotation per finding at the right page and place, the input's bytes unchanged."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REHBER = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-libreoffice.pdf"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    before = hashlib.sha256(REHBER.read_bytes()).hexdigest()
    proc = run("check", str(REHBER), "--engine", "pdfium", "--format", "html,xlsx,md,json",
               "--output", str(out / "rapor"), "--annotate", str(out / "isaretli.pdf"), "-q")
    assert proc.returncode == 1, proc.stderr
    assert hashlib.sha256(REHBER.read_bytes()).hexdigest() == before  # the input is never modified
    findings = json.loads((out / "rapor.json").read_text(encoding="utf-8"))["findings"]
    return out, findings


def test_html_has_every_finding_and_a_crop_each(outputs):
    out, findings = outputs
    html = (out / "rapor.html").read_text(encoding="utf-8")
    articles = re.findall(r'<article class="finding (\w+)[^"]*" data-severity="(\w+)" data-category="(\w+)"', html)
    assert len(articles) == len(findings) == 5  # the four planted errors and the headline rate they change
    assert html.count('<img class="crop" src="data:image/png;base64,') == len(findings)
    for f in findings:
        assert f["rule"] in html
    assert "75,00" in html and "62,50" in html  # printed and recomputed, in Turkish notation
    assert "Bu raporda 5 hata var" in html
    assert not re.search(r'(src|href)="https?:', html)  # nothing fetched from the network
    assert html.count("<svg") == 3  # one chart per amaç


def test_workbook_holds_numbers(outputs):
    from openpyxl import load_workbook

    out, findings = outputs
    wb = load_workbook(out / "rapor.xlsx")
    assert wb.sheetnames == ["Bulgular", "Göstergeler", "Faaliyetler", "Hedefler", "Özet"]
    ws = wb["Bulgular"]
    assert ws.max_row == len(findings) + 1 and ws.freeze_panes == "A2" and ws.auto_filter.ref
    g = wb["Göstergeler"]
    header = [c.value for c in g[1]]
    row = next(r for r in g.iter_rows(min_row=2, values_only=True) if r[3] == "PG1.2.2")
    printed, recomputed = row[header.index("Basılı oran")], row[header.index("Hesaplanan oran")]
    assert isinstance(printed, (int, float)) and printed == 75.0 and recomputed == 62.5  # numbers, not text
    assert row[header.index("Fark")] == 12.5
    cell = next(c for c in g[[r[0].row for r in g.iter_rows(min_row=2) if r[3].value == "PG1.2.2"][0]])
    assert cell.fill.fgColor.rgb.endswith("FDE2E1")  # the row that is off is highlighted
    assert g.cell(row=2, column=header.index("Basılı oran") + 1).number_format == "#,##0.00"


def test_annotated_pdf_has_one_annotation_per_finding_at_its_cell(outputs):
    from pypdf import PdfReader

    out, findings = outputs
    reader = PdfReader(str(out / "isaretli.pdf"))
    annots = []
    for i, page in enumerate(reader.pages, 1):
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Highlight":
                annots.append((i, [float(v) for v in a["/Rect"]], str(a["/Contents"]), float(page.mediabox.height)))
    located = [f for f in findings if f["page"] and f["bbox"]]
    assert len(annots) == len(located)
    for f in located:
        x0, top, x1, bottom = f["bbox"]
        match = [a for a in annots if a[0] == f["page"] and a[2].startswith(f["rule"]) and
                 abs(a[1][0] - x0) < 0.5 and abs(a[1][3] - (a[3] - top)) < 0.5 and abs(a[1][1] - (a[3] - bottom)) < 0.5]
        assert match, f


def test_markdown(outputs):
    out, findings = outputs
    md = (out / "rapor.md").read_text(encoding="utf-8")
    rows = [ln for ln in md.splitlines() if ln.startswith("| Hata") or ln.startswith("| Uyarı") or ln.startswith("| Bilgi")]
    assert len(rows) == len(findings)
    assert "IZ202" in md and "80,14" in md and "72,14" in md


def test_several_formats_need_an_output_name():
    proc = run("check", str(REHBER), "--format", "html,xlsx", "-q")
    assert proc.returncode == 2 and "--output" in proc.stderr
