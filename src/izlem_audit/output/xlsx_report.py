"""The findings workbook for people who work in Excel.

Sheets: Bulgular (findings), Göstergeler (every gösterge and period, printed and recomputed rate, difference,
highlighted when off), Faaliyetler, Hedefler (printed vs recomputed performance), Özet. Numbers are stored as
numbers with display formats; header rows are frozen, with autofilter and sensible widths. Text from the PDF
can never become a formula (cells.safe_value).
"""

from __future__ import annotations

from pathlib import Path

from ..model import Report
from ..recomputing.report import Recomputed
from ..rules.base import Finding
from .cells import safe_value
from .html import _cat

NUM = "#,##0.00"
HEAD = {
    "tr": {
        "Bulgular": ["Önem", "Kural", "Tür", "Amaç", "Hedef", "PH", "Kalem", "Ay", "Sayfa", "Basılı", "Hesaplanan",
                     "İleti", "Bastırıldı", "Gerekçe"],
        "Göstergeler": ["Amaç", "Hedef", "PH", "Kod", "Gösterge", "Birim", "Hedefe etkisi", "Başlangıç (A)",
                        "Hedef (B)", "Ay", "Gerçekleşme (C)", "Basılı oran", "Hesaplanan oran", "Fark", "Sayfa",
                        "Açıklama"],
        "Faaliyetler": ["Amaç", "Hedef", "PH", "Kod", "Faaliyet", "Bütçe (TL)", "Harcama (TL)", "Basılı oran",
                        "Hesaplanan oran", "Fark", "Sayfa"],
        "Hedefler": ["Amaç", "Hedef", "PH", "Sorumlu birim", "Ay", "Basılı performans", "Hesaplanan performans",
                     "Fark", "Ağırlık toplamı", "Sayfa"],
        "Özet": ["Kalem", "Değer"],
    },
    "en": {
        "Bulgular": ["Severity", "Rule", "Category", "Amaç", "Hedef", "PH", "Item", "Month", "Page", "Printed",
                     "Recomputed", "Message", "Suppressed", "Reason"],
        "Göstergeler": ["Amaç", "Hedef", "PH", "Code", "Gösterge", "Unit", "Weight", "Baseline (A)", "Target (B)",
                        "Month", "Actual (C)", "Printed rate", "Recomputed rate", "Difference", "Page", "Açıklama"],
        "Faaliyetler": ["Amaç", "Hedef", "PH", "Code", "Faaliyet", "Budget (TL)", "Spent (TL)", "Printed rate",
                        "Recomputed rate", "Difference", "Page"],
        "Hedefler": ["Amaç", "Hedef", "PH", "Responsible unit", "Month", "Printed performance",
                     "Recomputed performance", "Difference", "Sum of weights", "Page"],
        "Özet": ["Item", "Value"],
    },
}
SEV = {"tr": {"error": "Hata", "warning": "Uyarı", "info": "Bilgi"},
       "en": {"error": "Error", "warning": "Warning", "info": "Info"}}


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 4)


def write_check_xlsx(report: Report, findings: list[Finding], rc: Recomputed, path: Path, lang: str = "tr") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    heads = HEAD["en" if lang == "en" else "tr"]
    wb = Workbook()
    wb.remove(wb.active)
    off_fill = PatternFill("solid", fgColor="FDE2E1")
    sev_fill = {"error": PatternFill("solid", fgColor="FDE2E1"), "warning": PatternFill("solid", fgColor="FEF0C7"),
                "info": PatternFill("solid", fgColor="D1E9FF")}

    def sheet(name: str, rows: list[list], widths: dict[int, int], highlight: list[bool] | None = None,
              fills: list | None = None):
        ws = wb.create_sheet(name)
        ws.append(heads[name])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, row in enumerate(rows):
            ws.append([safe_value(v) for v in row])
            fill = (fills[i] if fills else None) or (off_fill if highlight and highlight[i] else None)
            if fill is not None:
                for cell in ws[ws.max_row]:
                    cell.fill = fill
        top = Alignment(vertical="top")
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = top
                if isinstance(cell.value, float):
                    cell.number_format = NUM
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        # printed on A4 landscape, all columns on one page width, the header row repeated
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        for j in range(1, len(heads[name]) + 1):
            ws.column_dimensions[get_column_letter(j)].width = widths.get(j, 12)
            if widths.get(j, 12) >= 40:  # long texts wrap inside their column; rows grow to show them
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    lines = -(-len(str(cell.value or "")) // int(widths[j] * 1.1)) or 1
                    current = ws.row_dimensions[cell.row].height or 15
                    ws.row_dimensions[cell.row].height = max(current, 15 * min(lines, 12))
        return ws

    sev = SEV["en" if lang == "en" else "tr"]
    rows = [[sev[f.severity], f.rule, _cat(f.category, lang), f.amac, f.hedef, f.performans_hedefi, f.item, f.period,
             f.page or f.ref, f.reported, f.expected, f.message, "✓" if f.suppressed else "", f.suppression_reason or ""]
            for f in findings]
    sheet("Bulgular", rows, {3: 18, 12: 70, 14: 40}, fills=[sev_fill[f.severity] for f in findings])

    rows, off = [], []
    for rcheck in rc.rates:
        h, g, p = rcheck.hedef, rcheck.gosterge, rcheck.period
        rows.append([h.amac, h.hedef, h.performans_hedefi, g.printed_code or g.code, g.name, g.unit, g.weight,
                     g.baseline, g.target, p.month, p.actual, p.reported_rate,
                     None if rcheck.expected is None else round(rcheck.expected, 4),
                     _diff(p.reported_rate, rcheck.expected), p.evidence.page, p.note])
        off.append(rcheck.off or p.reported_rate is None)
    sheet("Göstergeler", rows, {5: 50, 16: 60}, highlight=off)

    rows, off = [], []
    for ac in rc.activities:
        f = ac.faaliyet
        rows.append([ac.hedef.amac, ac.hedef.hedef, ac.hedef.performans_hedefi, f.printed_code or f.code, f.name,
                     f.budget, f.spent, f.reported_rate, None if ac.expected is None else round(ac.expected, 4),
                     _diff(f.reported_rate, ac.expected), f.evidence.page])
        off.append(ac.off)
    sheet("Faaliyetler", rows, {5: 60, 6: 16, 7: 16}, highlight=off)

    rows, off = [], []
    for hc in rc.hedefler:
        h = hc.hedef
        rows.append([h.amac, h.hedef, h.performans_hedefi, h.sorumlu_birim, hc.month, h.reported_performance,
                     None if hc.expected is None else round(hc.expected, 4), _diff(h.reported_performance, hc.expected),
                     hc.weight_sum, h.page])
        off.append(hc.off or not hc.checkable)
    sheet("Hedefler", rows, {4: 40}, highlight=off)

    c = report.counts()
    active = [f for f in findings if not f.suppressed]
    en = lang == "en"
    summary = [
        ["Kaynak" if not en else "Source", report.source.path],
        ["SHA-256", report.source.sha256],
        ["Sayfa" if not en else "Pages", report.source.pages],
        ["Düzen" if not en else "Layout", report.layout],
        *[[k, c[k]] for k in ("amac", "hedef", "performans_hedefi", "gosterge", "faaliyet")],
        ["Genel oran (basılı)" if not en else "Overall rate (printed)", report.summary.overall_rate],
        ["Genel oran (hesaplanan)" if not en else "Overall rate (recomputed)",
         None if rc.overall is None else round(rc.overall, 4)],
        *[[f"{a} (" + ("hesaplanan" if not en else "recomputed") + ")", round(v, 4)] for a, v in rc.amac_values.items()],
        *[[sev[s], sum(1 for f in active if f.severity == s)] for s in ("error", "warning", "info")],
    ]
    sheet("Özet", summary, {1: 32, 2: 70})
    wb.save(path)
