"""The workbook of ``compare``: the side-by-side table (numbers as numbers, differing cells outlined in red
and filled), the findings, the documents and the alignment. Text from the documents never becomes a formula."""

from __future__ import annotations

from pathlib import Path

from ..output.cells import safe_value
from .engine import Outcome
from .output import doc_line, reference_columns, side_by_side

NUM = "#,##0.00"
HEAD = {
    "tr": {"side": "Yan yana", "findings": "Bulgular", "docs": "Belgeler", "align": "Eşleşme",
           "fcols": ["Önem", "Kimlik", "Kural", "Tür", "Amaç", "Hedef", "PH", "Kalem", "Ay", "Önceki belge",
                     "Sonraki belge", "İleti", "Bastırıldı", "Gerekçe"],
           "acols": ["Tür", "Amaç", "Hedef", "PH", "Kalem", "Belge", "Basılı kod", "Başlık", "Nasıl", "Benzerlik"],
           "code": "Kod", "name": "Ad", "ref": ["Hedef (B)", "Etki %", "Başlangıç (A)"], "match": "Eşleşme",
           "month": "{m}. ay"},
    "en": {"side": "Side by side", "findings": "Findings", "docs": "Documents", "align": "Alignment",
           "fcols": ["Severity", "Id", "Rule", "Category", "Amaç", "Hedef", "PH", "Item", "Month", "Earlier document",
                     "Later document", "Message", "Suppressed", "Reason"],
           "acols": ["Kind", "Amaç", "Hedef", "PH", "Item", "Document", "Printed code", "Title", "How", "Score"],
           "code": "Code", "name": "Name", "ref": ["Target (B)", "Weight %", "Baseline (A)"], "match": "Match",
           "month": "month {m}"},
}


def write_xlsx(out: Outcome, path: Path, lang: str = "tr") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, PatternFill, Side

    h = HEAD["en" if lang == "en" else "tr"]
    wb = Workbook()
    ws = wb.active
    ws.title = h["side"]
    labels, months, rows = side_by_side(out, lang)
    red = Side(style="medium", color="C0392B")
    diff_border, diff_fill = Border(left=red, right=red, top=red, bottom=red), PatternFill("solid", fgColor="FFF3F3")
    bold = Font(bold=True)
    top = [h["code"], h["name"], *reference_columns(out, lang)]
    sub = ["", "", "", "", ""]
    for lab, ms in zip(labels, months):
        for i, m in enumerate(ms or [None]):
            top.append(lab if i == 0 else "")
            sub.append(h["month"].format(m=m) if m else "")
        top.append("")
        sub.append(h["match"])
    ws.append([safe_value(v) for v in top])
    ws.append(sub)
    for c in ws[1] + ws[2]:
        c.font = bold
    for r in rows:
        if r.kind == "hedef":
            ws.append([safe_value(r.code), safe_value(r.name)])
            for c in ws[ws.max_row]:
                c.font = bold
            continue
        line: list = [safe_value(r.code), safe_value(r.name)]
        flagged_cols = [3 + i for i, c in enumerate(r.reference) if c.flagged]
        line += [c.value if c.value is not None else safe_value(c.text) for c in r.reference]
        for per, ms, how in zip(r.per_doc, months, r.matched):
            width = max(len(ms), 1)
            cells = per[:width] + [None] * (width - len(per[:width]))
            for c in cells:
                if c is not None and c.flagged:
                    flagged_cols.append(len(line) + 1)
                line.append(None if c is None else (c.value if c.value is not None and "[" not in c.text
                                                   else safe_value(c.text)))
            line.append(safe_value(how))
        ws.append(line)
        for col in flagged_cols:
            cell = ws.cell(row=ws.max_row, column=col)
            cell.border, cell.fill = diff_border, diff_fill
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = NUM
    ws.freeze_panes = "C3"
    ws.column_dimensions["B"].width = 48
    fs = wb.create_sheet(h["findings"])
    fs.append(h["fcols"])
    for f in out.findings:
        docs = f.params.get("documents") or ["", ""]
        fs.append([f.severity, f.id, f.rule, f.category, f.amac, f.hedef or None, f.performans_hedefi, f.item,
                   f.period, safe_value(docs[0]), safe_value(docs[-1]), safe_value(f.message),
                   "✓" if f.suppressed else "", safe_value(f.suppression_reason or "")])
    fs.freeze_panes = "A2"
    fs.auto_filter.ref = fs.dimensions
    fs.column_dimensions["L"].width = 90
    ds = wb.create_sheet(h["docs"])
    for n, d in enumerate(out.documents):
        ds.append([safe_value(doc_line(d, lang, n == 0))])
    al = wb.create_sheet(h["align"])
    al.append(h["acols"])
    for row in out.alignment.to_dict():
        for m in row["matches"]:
            al.append([row["kind"], row["amac"], row["hedef"], row["performans_hedefi"], row["item"],
                       safe_value(m["document"]), safe_value(m["code"]), safe_value(m["title"]), m["how"], m["score"]])
    for sheet in (fs, al):
        for c in sheet[1]:
            c.font = bold
    wb.save(path)
