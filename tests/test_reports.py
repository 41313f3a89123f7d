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
    assert not re.search(r'(src|href)="https?:', html)  # nothing fetched from the network
    assert html.count('<div class="chart">') == 3  # one chart per amaç, after the findings
    assert html.index('id="findings"') < html.index('id="charts"')


def test_html_first_screen_says_who_what_and_how_many(outputs):
    out, findings = outputs
    html = (out / "rapor.html").read_text(encoding="utf-8")
    assert "T.C. YEŞİLOVA BELEDİYESİ" in html  # as printed on the report's first page
    assert "2025 YILI PERFORMANS PROGRAMI 6 AYLIK İZLEME RAPORU (OCAK-HAZİRAN)" in html
    assert "Bu raporda 3 hata var" in html  # causes only: IZ201 and IZ404 follow from the wrong rate
    assert str(REHBER) not in html and str(REHBER.parent) not in html  # the file's name, not the machine path
    assert "rehber-2025-6-libreoffice.pdf" in html
    assert "guide_standard" not in html and "Rehberin standart izleme tablosu" in html  # the layout in words
    counts = dict((label.strip(), int(n)) for n, label in
                  re.findall(r'<div class="count[^"]*">(?:<a [^>]*>)?<b>(\d+)</b>([^<]+)', html))
    assert counts["tutmuyor"] == 4  # PG1.2.2's rate, A1 H2, A2 H1 and the overall rate
    assert counts["hata"] == 3 and counts["sonuç bulgusu"] == 2
    assert counts["uyarı"] == 0 and counts["bastırılan bulgu"] == 0
    assert "Süz" not in html and "Filtrele" in html
    from izlem_audit.rules.registry import REGISTRY

    for f in findings:  # the id is enough: no rule slugs on the cards
        assert REGISTRY[f["rule"]].name not in html


def test_each_finding_is_written_as_an_audit_finding(outputs):
    out, findings = outputs
    html = (out / "rapor.html").read_text(encoding="utf-8")
    cards = html.split("<article ")[1:]  # each card up to the next (a consequence's card is nested in its cause's)
    assert len(cards) == len(findings)
    for card in cards:
        for part in ("Kriter", "Tespit", "Etki", "Öneri"):
            assert f"<h4>{part}</h4>" in card, part
    rate = next(c for c in cards if "IZ101" in c)
    assert "6. ay gerçekleşme oranı 62,50 olarak düzeltilmeli" in rate
    # the effect up the chain, by hand: weights 50/30/20, printed rates 30/75/60 give 49,50; with 62,50 for
    # PG1.2.2 it is 15 + 18,75 + 12 = 45,75
    assert "49,50 → 45,75 (−3,75 puan)" in rate
    assert "Yuvarlama payı" in rate and "Fark</dt><dd>12,50" in rate
    # consequences are shown under their cause, and say so
    cause = html[html.index('id="f-IZ101-A1-H2-PG2-6ay"'):]
    assert cause.index('id="f-IZ201-A1-H2"') < cause.index("</article>") or \
        cause.index('id="f-IZ201-A1-H2"') < cause.index('id="f-IZ202')
    assert "IZ101-A1-H2-PG2-6ay bulgusundan kaynaklanıyor" in html
    weights = next(c for c in cards if "IZ204" in c)
    assert "Olması gereken toplam</dt><dd>100<" in weights and "Ağırlıklar toplamı</dt><dd>90<" in weights
    assert "Hesaplanan" not in weights
    # the guide's generic example is for the rule docs only
    from izlem_audit.rules.registry import REGISTRY

    for f in findings:
        assert REGISTRY[f["rule"]].example not in html


def test_workbook_holds_numbers(outputs):
    from openpyxl import load_workbook

    out, findings = outputs
    wb = load_workbook(out / "rapor.xlsx")
    assert wb.sheetnames == ["Bulgular", "Özet", "Göstergeler", "Faaliyetler", "Hedefler", "Okunamayan yerler"]
    ws = wb["Bulgular"]
    assert ws.max_row == len(findings) + 1 and ws.freeze_panes == "A2" and ws.auto_filter.ref
    g = wb["Göstergeler"]
    header = [c.value for c in g[1]]
    row = next(r for r in g.iter_rows(min_row=2, values_only=True) if r[3] == "PG1.2.2")
    printed, recomputed = row[header.index("Basılı oran")], row[header.index("Hesaplanan oran")]
    assert isinstance(printed, (int, float)) and printed == 75.0 and recomputed == 62.5  # numbers, not text
    assert row[header.index("Fark")] == 12.5
    cell = next(c for c in g[[r[0].row for r in g.iter_rows(min_row=2) if r[3].value == "PG1.2.2"][0]])
    assert cell.fill.fgColor.rgb.endswith("FDE2E1")  # the row with an error is coloured as one
    assert g.cell(row=2, column=header.index("Basılı oran") + 1).number_format == "#,##0.00"
    summary = {r[0]: r[1] for r in wb["Özet"].iter_rows(min_row=2, values_only=True)}
    assert summary["Belediye"] == "T.C. YEŞİLOVA BELEDİYESİ" and summary["Hata (neden)"] == 3
    assert not any(k in summary for k in ("amac", "hedef", "gosterge", "faaliyet"))  # words, not keys
    assert any(str(k).startswith("A1 Katılımcı") for k in summary)  # amaç titles


def test_workbook_links_every_finding_to_its_row_and_back(outputs):
    from openpyxl import load_workbook

    out, findings = outputs
    wb = load_workbook(out / "rapor.xlsx")
    ws = wb["Bulgular"]
    head = [c.value for c in ws[1]]
    col = head.index("Tablo satırı")
    fills = {"Hata": "FDE2E1", "Uyarı": "FEF0C7", "Bilgi": "D1E9FF"}
    for r in ws.iter_rows(min_row=2):
        link = r[col].hyperlink
        assert link is not None and link.location, r[1].value
        sheet, ref = link.location.split("!")
        target = wb[sheet.strip("'")]
        row_no = int(ref[1:])
        if target.title == "Göstergeler":  # the row of the finding's gösterge and month
            values = [c.value for c in target[row_no]]
            assert values[3] == "PG1.2.2" and values[9] == 6
        if target.title in ("Göstergeler", "Hedefler"):
            assert target.cell(row=row_no, column=1).fill.fgColor.rgb.endswith(fills[r[0].value])
            back = target.cell(row=row_no, column=target.max_column).hyperlink
            assert back is not None and back.location.startswith("'Bulgular'!A")


def test_annotated_pdf_has_one_annotation_per_finding_at_its_cell(outputs):
    from pypdf import PdfReader

    out, findings = outputs
    reader = PdfReader(str(out / "isaretli.pdf"))
    assert len(reader.pages) == len(PdfReader(str(REHBER)).pages) + 1  # the legend page in front
    annots, labels = [], []
    for i, page in enumerate(reader.pages[1:], 1):  # page numbers as the report prints them
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Highlight":
                annots.append((i, [float(v) for v in a["/Rect"]], str(a["/Contents"]), float(page.mediabox.height)))
            if a.get("/Subtype") == "/FreeText":
                labels.append((i, [float(v) for v in a["/Rect"]], str(a["/Contents"]), a))
    located = [f for f in findings if f["page"] and f["bbox"]]
    assert len(annots) == len(located) == len(labels)  # one highlight and one visible label per finding
    width = float(PdfReader(str(REHBER)).pages[0].mediabox.width)
    for f in located:
        x0, top, x1, bottom = f["bbox"]
        match = [a for a in annots if a[0] == f["page"] and a[2].startswith(f["rule"]) and
                 abs(a[1][0] - x0) < 0.5 and abs(a[1][3] - (a[3] - top)) < 0.5 and abs(a[1][1] - (a[3] - bottom)) < 0.5]
        assert match, f
        label = [lb for lb in labels if lb[0] == f["page"] and lb[2].startswith(f["rule"] + " · Hata")]
        assert label, f
        rect = label[0][1]
        assert rect[0] >= width  # in the margin added beside the page, not over the report's text
        assert "/N" in label[0][3]["/AP"]  # drawn: visible in any viewer, not only in a popup


def test_annotated_pdf_shows_labels_and_a_legend(outputs, tmp_path):
    """Rendered as a viewer shows it: the legend page names the municipality and the colours; the labels are
    painted in the margin of the pages with findings."""
    import numpy as np
    import pypdfium2 as pdfium

    out, findings = outputs
    doc = pdfium.PdfDocument(str(out / "isaretli.pdf"))
    legend = doc[0].get_textpage().get_text_range()
    assert legend.strip() == ""  # the legend is a picture (its Turkish letters need no font)
    img = np.asarray(doc[0].render(scale=1).to_pil().convert("L"))
    assert (img < 128).mean() > 0.005  # and it is not blank
    page = doc[1]  # the report's page 1: three findings
    full = np.asarray(page.render(scale=1, draw_annots=True).to_pil().convert("L")).astype(int)
    bare = np.asarray(page.render(scale=1, draw_annots=False).to_pil().convert("L")).astype(int)
    width = int(PdfReaderWidth())
    diff = abs(full - bare) > 30
    assert diff[:, width + 5:].mean() > 0.01  # labels painted in the margin


def PdfReaderWidth() -> float:
    from pypdf import PdfReader

    return float(PdfReader(str(REHBER)).pages[0].mediabox.width)


def test_markdown(outputs):
    out, findings = outputs
    md = (out / "rapor.md").read_text(encoding="utf-8")
    rows = [ln for ln in md.splitlines() if ln.startswith("| Hata") or ln.startswith("| Uyarı") or ln.startswith("| Bilgi")]
    assert len(rows) == len(findings)
    assert "IZ202" in md and "80,14" in md and "72,14" in md
    assert md.count("**Kriter:**") == md.count("**Tespit:**") == md.count("**Etki:**") == md.count("**Öneri:**") \
        == len(findings)
    assert "T.C. YEŞİLOVA BELEDİYESİ" in md and str(REHBER.parent) not in md


def test_option_values_in_any_case_and_in_turkish(tmp_path):
    for fail_on in ("hata", "HATA", "uyarı", "UYARI", "Bilgi", "error"):
        proc = run("check", str(REHBER), "--engine", "pdfium", "--fail-on", fail_on, "-q", "--format", "json")
        assert proc.returncode == 1, (fail_on, proc.stderr)
    proc = run("check", str(REHBER), "--engine", "pdfium", "--format", "HTML", "--output", str(tmp_path / "r.html"),
               "-q")
    assert proc.returncode == 1 and (tmp_path / "r.html").is_file()
    proc = run("check", str(REHBER), "--engine", "pdfium", "--fail-on", "sometimes", "-q")
    assert proc.returncode == 2 and "hata, uyarı, bilgi" in proc.stderr


def test_text_is_cut_at_a_word_boundary():
    from izlem_audit.output.finding_text import cut

    assert cut("iş kazası bildirimi bulunmamaktadır", 22) == "iş kazası bildirimi…"
    assert cut("kısa", 22) == "kısa"


def test_several_formats_need_an_output_name():
    proc = run("check", str(REHBER), "--format", "html,xlsx", "-q")
    assert proc.returncode == 2 and "--output" in proc.stderr


def test_help_in_both_languages():
    proc = run("check", "--help")
    text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", proc.stdout).split())  # the help's boxes drawn away
    assert proc.returncode == 0
    assert "Her oranı yeniden hesaplar" in text and "Recomputes every rate" in text
    assert "Bulguları işaretlenmiş PDF kopyası." in text and "with the findings marked" in text


def test_a_suppressed_error_is_shown_with_its_reason_and_never_turns_the_verdict_green(tmp_path):
    cfg = tmp_path / "izlem-audit.toml"
    cfg.write_text('[[suppress]]\nid = "IZ202-A2-H1"\nreason = "Meclis kararıyla 2025 programında düzeltilecek."\n'
                   '[[suppress]]\nid = "IZ201-A3-H2"\nreason = "Yanlış yazılmış bir kimlik."\n', encoding="utf-8")
    proc = run("check", str(REHBER), "--engine", "pdfium", "--config", str(cfg), "--format", "html,md,xlsx",
               "--output", str(tmp_path / "r"), "-q")
    assert proc.returncode == 1, proc.stderr  # the other errors still fail the gate
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    card = html[html.index('id="f-IZ202-A2-H1"'):]
    card = card[:card.index("</article>")]
    assert "suppressed" in html[html.rindex("<article", 0, html.index('id="f-IZ202-A2-H1"')):html.index(
        'id="f-IZ202-A2-H1"')]
    assert "İdare açıklaması" in card and "Meclis kararıyla 2025 programında düzeltilecek." in card
    counts = dict((label.strip(), int(n)) for n, label in
                  re.findall(r'<div class="count[^"]*">(?:<a [^>]*>)?<b>(\d+)</b>([^<]+)', html))
    assert counts["bastırılan bulgu"] == 1 and counts["hata"] == 2
    assert "verdict bad" in html and "1 hata daha idare açıklamasıyla bastırıldı" in html
    assert 'id="suppressed"' in html and 'href="#f-IZ202-A2-H1"' in html  # the reason one click away
    assert "bastırılmış bulgu" in html[html.index('id="charts"'):]  # the chart marks the suppressed figure
    assert 'id="unused"' in html and "IZ201-A3-H2" in html  # a suppression that matched nothing is listed
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "**İdare açıklaması:** Meclis kararıyla" in md and "IZ201-A3-H2" in md


def test_reading_problems_have_their_own_section_in_every_format(tmp_path):
    """What the reader could not place is shown apart, as such, and never counted as an error of the report."""
    from openpyxl import load_workbook

    from izlem_audit.extract import extract
    from izlem_audit.output.html import render_html
    from izlem_audit.output.markdown import render_markdown
    from izlem_audit.output.xlsx_report import write_check_xlsx
    from izlem_audit.rules.base import Finding
    from izlem_audit.rules.engine import run_rules

    report = extract(REHBER, engine="pdfium")
    findings, rc = run_rules(report)
    problem = Finding(rule="IZ603", category="structure", severity="warning", amac="A2", hedef="H2", item="PG1",
                      page=2, origin="reader", message="PG1: '12,50' hiçbir sütuna yerleştirilemedi.")
    findings.append(problem)
    html = render_html(report, findings, rc, {}, "tr")
    section = html[html.index('id="reading"'):html.index('id="charts-title"')]
    assert "Okunamayan / emin olunamayan yerler" in section and "hiçbir sütuna yerleştirilemedi" in section
    assert "hiçbir sütuna yerleştirilemedi" not in html[html.index('id="findings-list"'):html.index('id="reading"')]
    assert "Bu raporda 3 hata var" in html  # not counted as an error
    assert re.search(r"<b>1</b>okunamayan yer", html)
    md = render_markdown(report, findings, rc, "tr")
    assert "## Okunamayan / emin olunamayan yerler" in md and "hiçbir sütuna yerleştirilemedi" in md.split(
        "## Okunamayan")[1]
    write_check_xlsx(report, findings, rc, tmp_path / "r.xlsx", "tr")
    ws = load_workbook(tmp_path / "r.xlsx")["Okunamayan yerler"]
    assert [c.value for c in ws[2]][:3] == ["IZ603", "A2 H2 PG1", 2]


def test_workbook_links_every_finding_of_the_real_report(tmp_path):
    """The Çiğli report's findings (gösterge, faaliyet, hedef, amaç and report-level ones) each link to a row."""
    from openpyxl import load_workbook

    pdf = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-libreoffice.pdf"
    proc = run("check", str(pdf), "--engine", "pdfium", "--format", "xlsx", "--output", str(tmp_path / "c.xlsx"), "-q")
    assert proc.returncode == 1, proc.stderr
    ws = load_workbook(tmp_path / "c.xlsx")["Bulgular"]
    col = [c.value for c in ws[1]].index("Tablo satırı")
    unlinked = [(r[1].value, r[3].value) for r in ws.iter_rows(min_row=2) if r[col].hyperlink is None]
    assert ws.max_row > 30 and unlinked == []


def test_percentages_are_written_as_each_language_writes_them():
    """Turkish puts the sign first (%34,00), English after the number (34.00%); a missing value is a dash."""
    from izlem_audit.output import finding_text as ft

    assert ft.pct(34.0, "tr") == "%34,00"
    assert ft.pct(1400.5, "tr") == "%1.400,50"
    assert ft.pct(34.0, "en") == "34.00%"
    assert ft.pct(1400.5, "en") == "1,400.50%"
    assert ft.pct(None, "en") == ft.pct(None, "tr") == "—"
