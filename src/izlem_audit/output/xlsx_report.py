"""The findings workbook for people who work in Excel.

Sheets: Bulgular (every finding written as an audit finding, each row linked to the table row it concerns),
Göstergeler (every gösterge and period, printed and recomputed rate, difference), Faaliyetler, Hedefler (printed
vs recomputed performance), Okunamayan yerler (reading problems, apart from the report's errors), Özet (the
report, the verdict and the counts in words). Every table row a finding concerns is coloured by the finding's
severity and links back to it. Numbers are stored as numbers with display formats (the spreadsheet shows them
with the reader's own separators, 1.234,56 in Turkish); counts are integers. Header rows are frozen, with
autofilter and sensible widths. Text from the PDF can never become a formula (cells.safe_value).
"""

from __future__ import annotations

from pathlib import Path

from ..messages import extent
from ..model import Report
from ..recomputing.report import Recomputed
from ..rules.base import Finding
from . import finding_text as ft
from .cells import safe_value

NUM = "#,##0.00"
INT = "#,##0"
SHEETS = {"Bulgular": ("Bulgular", "Findings"), "Göstergeler": ("Göstergeler", "Göstergeler"),
          "Faaliyetler": ("Faaliyetler", "Faaliyetler"), "Hedefler": ("Hedefler", "Hedefler"),
          "Okunamayan": ("Okunamayan yerler", "Not read"), "Özet": ("Özet", "Summary")}
HEAD = {
    "tr": {
        "Bulgular": ["Önem", "Kural", "Bulgu", "Yer", "Sayfa", "Basılı", "Olması gereken / hesaplanan", "Fark",
                     "Yuvarlama payı", "Tespit", "Etki", "Öneri", "Kriter", "Sonucu olduğu bulgu", "Bastırıldı",
                     "İdare açıklaması", "Tablo satırı", "Bulgu no"],
        "Göstergeler": ["Amaç", "Hedef", "PH", "Kod", "Gösterge", "Birim", "Hedefe etkisi", "Başlangıç (A)",
                        "Hedef (B)", "Ay", "Gerçekleşme (C)", "Basılı oran", "Hesaplanan oran", "Fark", "Sayfa",
                        "Açıklama", "Bulgu"],
        "Faaliyetler": ["Amaç", "Hedef", "PH", "Kod", "Faaliyet", "Bütçe (TL)", "Harcama (TL)", "Basılı oran",
                        "Hesaplanan oran", "Fark", "Sayfa", "Bulgu"],
        "Hedefler": ["Amaç", "Hedef", "PH", "Hedef adı", "Sorumlu birim", "Ay", "Basılı performans",
                     "Hesaplanan performans", "Fark", "Ağırlık toplamı", "Sayfa", "Bulgu"],
        "Okunamayan": ["Kural", "Yer", "Sayfa", "Ne okunamadı"],
        "Özet": ["Kalem", "Değer"],
    },
    "en": {
        "Bulgular": ["Severity", "Rule", "Finding", "Where", "Page", "Printed", "Should be / recomputed",
                     "Difference", "Rounding allowance", "Facts", "Effect", "Recommendation", "Criterion",
                     "Consequence of", "Suppressed", "Management's explanation", "Table row", "Finding no"],
        "Göstergeler": ["Amaç", "Hedef", "PH", "Code", "Gösterge", "Unit", "Weight", "Baseline (A)", "Target (B)",
                        "Month", "Actual (C)", "Printed rate", "Recomputed rate", "Difference", "Page", "Açıklama",
                        "Finding"],
        "Faaliyetler": ["Amaç", "Hedef", "PH", "Code", "Faaliyet", "Budget (TL)", "Spent (TL)", "Printed rate",
                        "Recomputed rate", "Difference", "Page", "Finding"],
        "Hedefler": ["Amaç", "Hedef", "PH", "Hedef title", "Responsible unit", "Month", "Printed performance",
                     "Recomputed performance", "Difference", "Sum of weights", "Page", "Finding"],
        "Okunamayan": ["Rule", "Where", "Page", "What could not be read"],
        "Özet": ["Item", "Value"],
    },
}
FILL = {"error": "FDE2E1", "warning": "FEF0C7", "info": "D1E9FF"}
RANK = {"error": 0, "warning": 1, "info": 2}


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 4)


def _row_key(f: Finding) -> tuple[str, tuple] | None:
    """Which table row of the workbook a finding concerns."""
    if f.item and f.item.upper().startswith("PG"):
        return "Göstergeler", (f.amac, f.hedef, f.performans_hedefi, f.item, f.period)
    if f.item and f.item.upper().startswith("F"):
        return "Faaliyetler", (f.amac, f.hedef, f.performans_hedefi, f.item)
    if f.hedef and not f.item:
        return "Hedefler", (f.amac, f.hedef, f.performans_hedefi)
    return None


def write_check_xlsx(report: Report, findings: list[Finding], rc: Recomputed, path: Path, lang: str = "tr",
                     unused_suppressions: list | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    en = lang == "en"
    heads = HEAD["en" if en else "tr"]
    names = {k: ft.tr_en(v, lang) for k, v in SHEETS.items()}
    wb = Workbook()
    wb.remove(wb.active)
    texts = ft.compose_all(findings, report, rc, lang)
    flat = [t for t in ft.flatten(texts) if not t.reading]
    reading = [t for t in ft.flatten(texts) if t.reading]
    link_font = Font(color="175CD3", underline="single")

    def sheet(key: str, rows: list[list], widths: dict[int, int], fills: list | None = None,
              ints: set[int] | None = None):
        ws = wb.create_sheet(names[key])
        ws.append(heads[key])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, row in enumerate(rows):
            ws.append([safe_value(v) for v in row])
            fill = fills[i] if fills else None
            if fill is not None:
                for cell in ws[ws.max_row]:
                    cell.fill = PatternFill("solid", fgColor=fill)
        top = Alignment(vertical="top")
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = top
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = INT if (ints and cell.column in ints) else NUM
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        # printed on A4 landscape, all columns on one page width, the header row repeated
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        for j in range(1, len(heads[key]) + 1):
            ws.column_dimensions[get_column_letter(j)].width = widths.get(j, 12)
            if widths.get(j, 12) >= 40:  # long texts wrap inside their column; rows grow to show them
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    lines = -(-len(str(cell.value or "")) // int(widths[j] * 1.1)) or 1
                    current = ws.row_dimensions[cell.row].height or 15
                    ws.row_dimensions[cell.row].height = max(current, 15 * min(lines, 12))
        return ws

    # which table rows have findings, and the most severe one
    concerns: dict[tuple[str, tuple], list[ft.FindingText]] = {}
    for t in flat:
        k = _row_key(t.finding)
        if k is not None:
            concerns.setdefault(k, []).append(t)
    for k in concerns:
        concerns[k].sort(key=lambda t: RANK.get(t.finding.severity, 3))
    finding_row = {t.anchor: i + 2 for i, t in enumerate(flat)}
    table_row: dict[str, tuple[str, int]] = {}  # anchor -> (sheet, row)

    def fill_of(key) -> str | None:
        ts = concerns.get(key)
        return FILL[ts[0].finding.severity] if ts else None

    def tag(sheet_key: str, key, row_no: int) -> str:
        ts = concerns.get((sheet_key, key), [])
        for t in ts:
            table_row.setdefault(t.anchor, (names[sheet_key], row_no))
        return ", ".join(t.finding.rule for t in ts)

    # Göstergeler
    rows, fills = [], []
    first_of: dict[tuple, int] = {}
    for rcheck in rc.rates:
        h, g, p = rcheck.hedef, rcheck.gosterge, rcheck.period
        row_no = len(rows) + 2
        key = (h.amac, h.hedef, h.performans_hedefi, g.code, p.month)
        first_of.setdefault(key[:4], row_no)
        rows.append([h.amac, h.hedef, h.performans_hedefi, g.printed_code or g.code, g.name, g.unit, g.weight,
                     g.baseline, g.target, p.month, p.actual, p.reported_rate,
                     None if rcheck.expected is None else round(rcheck.expected, 4),
                     _diff(p.reported_rate, rcheck.expected), p.evidence.page, p.note,
                     tag("Göstergeler", key, row_no)])
        fills.append(fill_of(("Göstergeler", key)) or (FILL["error"] if rcheck.off else None))
    for (sk, key), ts in concerns.items():  # a gösterge finding without a month points at its first row
        if sk == "Göstergeler" and key[4] is None and key[:4] in first_of:
            r = first_of[key[:4]]
            for t in ts:
                table_row.setdefault(t.anchor, (names["Göstergeler"], r))
            rows[r - 2][-1] = ", ".join(x for x in (rows[r - 2][-1], *(t.finding.rule for t in ts)) if x)
            fills[r - 2] = fills[r - 2] or FILL[ts[0].finding.severity]
    ws_g = sheet("Göstergeler", rows, {5: 50, 16: 60, 17: 14}, fills, ints={10, 15})

    rows, fills = [], []
    for ac in rc.activities:
        f = ac.faaliyet
        key = (ac.hedef.amac, ac.hedef.hedef, ac.hedef.performans_hedefi, f.code)
        rows.append([ac.hedef.amac, ac.hedef.hedef, ac.hedef.performans_hedefi, f.printed_code or f.code, f.name,
                     f.budget, f.spent, f.reported_rate, None if ac.expected is None else round(ac.expected, 4),
                     _diff(f.reported_rate, ac.expected), f.evidence.page, tag("Faaliyetler", key, len(rows) + 2)])
        fills.append(fill_of(("Faaliyetler", key)) or (FILL["error"] if ac.off else None))
    ws_f = sheet("Faaliyetler", rows, {5: 60, 6: 16, 7: 16, 12: 14}, fills, ints={11})

    rows, fills = [], []
    for hc in rc.hedefler:
        h = hc.hedef
        key = (h.amac, h.hedef, h.performans_hedefi)
        rows.append([h.amac, h.hedef, h.performans_hedefi, h.performans_hedefi_title or h.hedef_title,
                     h.sorumlu_birim, hc.month, h.reported_performance,
                     None if hc.expected is None else round(hc.expected, 4), _diff(h.reported_performance, hc.expected),
                     hc.weight_sum, h.page, tag("Hedefler", key, len(rows) + 2)])
        fills.append(fill_of(("Hedefler", key)) or (FILL["error"] if hc.off or not hc.checkable else None))
    for (sk, key), ts in concerns.items():  # a hedef finding on a performans hedefi-less key: its first block
        if sk == "Hedefler" and not any(t.anchor in table_row for t in ts):
            for i, r in enumerate(rows):
                if (r[0], r[1]) == key[:2]:
                    for t in ts:
                        table_row.setdefault(t.anchor, (names["Hedefler"], i + 2))
                    r[-1] = ", ".join(x for x in (r[-1], *(t.finding.rule for t in ts)) if x)
                    fills[i] = fills[i] or FILL[ts[0].finding.severity]
                    break
    ws_h = sheet("Hedefler", rows, {4: 50, 5: 34, 12: 14}, fills, ints={6, 11})

    # Bulgular, first in the workbook
    sev = {s: ft.ui(s, lang) for s in ("error", "warning", "info")}
    rows, fills = [], []
    for t in flat:
        f = t.finding
        facts = dict(t.facts)
        diff = f.reported - f.expected if (f.reported is not None and f.expected is not None and
                                           f.rule in ft.RECONCILE_RULES) else None
        target = table_row.get(t.anchor)
        rows.append([sev[f.severity], f.rule, t.title, t.place or ft.ui("report_level", lang),
                     f.page or getattr(f, "ref", None), f.reported,
                     f.expected, diff, f.tolerance if f.rule in ft.RECONCILE_RULES else None,
                     t.statement + (f" ({ft.ui('inputs', lang)}: {facts[ft.ui('inputs', lang)]})"
                                    if ft.ui("inputs", lang) in facts else ""),
                     "\n".join(ft.effect_line(e, lang) for e in t.effects) or t.effect_text, t.recommendation,
                     f"{f.rule} · {t.rule_title}. {t.criterion}", getattr(f, "caused_by", None) or "",
                     "✓" if f.suppressed else "", t.management or "",
                     (f"{target[0]} {target[1]}. " + ("satır →" if not en else "row →")) if target else "",
                     getattr(f, "id", "") or t.anchor[2:]])
        fills.append(FILL[f.severity] if not f.suppressed else "EAECF0")
    ws_b = sheet("Bulgular", rows, {3: 44, 4: 22, 10: 60, 11: 44, 12: 50, 13: 40, 16: 40, 17: 18, 18: 24}, fills)
    ws_b.sheet_properties.tabColor = "B42318"
    wb.move_sheet(ws_b, offset=-wb.index(ws_b))
    ints = {f.rule for f in findings if f.rule in ft.COUNT_RULES}
    for i, t in enumerate(flat):
        if t.finding.rule in ints:
            for col in (6, 7):
                ws_b.cell(row=i + 2, column=col).number_format = INT
        target = table_row.get(t.anchor)
        if target:
            c = ws_b.cell(row=i + 2, column=17)
            c.hyperlink = Hyperlink(ref=c.coordinate, location=f"'{target[0]}'!A{target[1]}")
            c.font = link_font
    # and back: each table row's "Bulgu" cell to its (most severe) finding
    by_sheet = {names["Göstergeler"]: ws_g, names["Faaliyetler"]: ws_f, names["Hedefler"]: ws_h}
    seen: set[tuple[str, int]] = set()
    for t in sorted(flat, key=lambda t: RANK.get(t.finding.severity, 3)):
        target = table_row.get(t.anchor)
        if not target or target in seen:
            continue
        seen.add(target)
        ws = by_sheet[target[0]]
        c = ws.cell(row=target[1], column=ws.max_column)
        c.hyperlink = Hyperlink(ref=c.coordinate, location=f"'{names['Bulgular']}'!A{finding_row[t.anchor]}")
        c.font = link_font

    rows = [[t.finding.rule, t.place or ft.ui("report_level", lang), t.finding.page, t.statement] for t in reading]
    sheet("Okunamayan", rows, {2: 30, 4: 90}, ints={3})

    hl = ft.headline(report, findings, rc, unused_suppressions)
    verdict, _ = ft.verdict(hl, lang)
    c = report.counts()
    amac_titles = {h.amac: h.amac_title for h in reversed(report.hedefler)}
    W = (lambda tr, e: e if en else tr)  # noqa: E731
    summary: list[list] = [
        [W("Belediye", "Municipality"), report.municipality],
        [W("Rapor", "Report"), report.title],
        [W("Dönem", "Period"), ft.period_text(report, lang)],
        [W("Yıl", "Year"), report.year],
        [W("Sonuç", "Verdict"), verdict],
        [W("Denetlenen dosya", "File audited"), ft.input_name(report)],
        ["SHA-256", report.source.sha256],
        [W("Okunan", "Read"), extent(report, lang)],
        [W("Tablo düzeni", "Table layout"), ft.layout_label(report.layout, lang)],
        [W("Yeniden hesaplanan basılı rakam", "Printed figures recomputed"), hl.checked],
        [W("Tutan", "Reconcile"), hl.reconciled],
        [W("Tutmayan", "Do not reconcile"), hl.not_reconciled],
        [W("Denetlenemeyen", "Not checkable"), hl.not_checkable],
        [W("Hata (neden)", "Errors (causes)"), hl.errors],
        [W("Sonuç bulgusu", "Consequential findings"), hl.consequences],
        [W("Uyarı", "Warnings"), hl.warnings],
        [W("Bilgi notu", "Notes"), hl.infos],
        [W("Okunamayan yer", "Places not read"), hl.reading],
        [W("Bastırılan bulgu", "Suppressed findings"), hl.suppressed],
        [W("Amaç sayısı", "Amaçlar"), c["amac"]], [W("Hedef sayısı", "Hedefler"), c["hedef"]],
        [W("Performans hedefi sayısı", "Performans hedefleri"), c["performans_hedefi"]],
        [W("Gösterge sayısı", "Göstergeler"), c["gosterge"]], [W("Faaliyet sayısı", "Faaliyetler"), c["faaliyet"]],
        [W("Genel gerçekleşme oranı (basılı)", "Overall rate (printed)"), report.summary.overall_rate],
        [W("Genel gerçekleşme oranı (yeniden hesaplanan)", "Overall rate (recomputed)"),
         None if rc.overall is None else round(rc.overall, 4)],
    ]
    amac_labels = {}
    for a, v in rc.amac_values.items():
        title = ft.cut(amac_titles.get(a, ""), 80)
        amac_labels[a] = f"{a} {title} — " + W("yeniden hesaplanan", "recomputed")
        summary.append([amac_labels[a], round(v, 4)])
    for u in hl.unused_suppressions:
        from .html import _describe_suppression

        summary.append([W("Hiçbir bulguya uymayan bastırma", "Suppression matching nothing"),
                        _describe_suppression(u)])
    # findings about the report as a whole point at their line of the summary sheet
    row_of = {r[0]: i + 2 for i, r in enumerate(summary)}
    overall_row = row_of[W("Genel gerçekleşme oranı (basılı)", "Overall rate (printed)")]
    amac_row = {a: row_of[r] for a, r in amac_labels.items()}
    count_row = {"amac": row_of[W("Amaç sayısı", "Amaçlar")], "hedef": row_of[W("Hedef sayısı", "Hedefler")],
                 "gosterge": row_of[W("Gösterge sayısı", "Göstergeler")],
                 "faaliyet": row_of[W("Faaliyet sayısı", "Faaliyetler")]}
    for t in flat:
        f = t.finding
        if t.anchor in table_row:
            continue
        row = None
        if f.rule == "IZ404":
            row = overall_row
        elif f.rule in ("IZ403", "IZ406") and f.amac in amac_row:
            row = amac_row[f.amac]
        elif f.amac and not f.hedef and f.amac in amac_row:  # about an amaç as a whole: its summary line
            row = amac_row[f.amac]
        elif f.rule == "IZ405":
            what = str(f.params.get("what", "")).replace("ç", "c").replace("ö", "o")
            row = count_row.get(what)
        if row is not None:
            table_row[t.anchor] = (names["Özet"], row)
            i = flat.index(t) + 2
            cell = ws_b.cell(row=i, column=17)
            cell.value = f"{names['Özet']} {row}. " + ("satır →" if not en else "row →")
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{names['Özet']}'!A{row}")
            cell.font = link_font
    ws_s = sheet("Özet", summary, {1: 60, 2: 80})
    for row in ws_s.iter_rows(min_row=2):
        if isinstance(row[1].value, int) and not isinstance(row[1].value, bool):
            row[1].number_format = "0"
        row[1].alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    wb.move_sheet(ws_s, offset=1 - wb.index(ws_s))
    wb.active = 0
    wb.save(path)
