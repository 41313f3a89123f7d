"""Writing what ``extract`` read: JSON (the report@1 contract), CSV and XLSX (one row per printed value)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..model import Report
from .cells import safe_value

GOSTERGE_COLUMNS = ["amac", "hedef", "performans_hedefi", "code", "printed_code", "seq", "name", "unit",
                    "weight", "baseline", "target", "month", "actual", "reported_rate", "note", "page", "reached"]
FAALIYET_COLUMNS = ["amac", "hedef", "performans_hedefi", "code", "printed_code", "seq", "name", "budget",
                    "spent", "reported_rate", "note", "page"]
HEDEF_COLUMNS = ["amac", "hedef", "performans_hedefi", "amac_title", "hedef_title", "performans_hedefi_title",
                 "sorumlu_birim", "reported_performance", "gostergeler", "faaliyetler", "page"]


def to_json(report: Report) -> str:
    from .check_json import strict_dumps

    return strict_dumps(report.to_dict(), indent=1)


def gosterge_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for h in report.hedefler:
        for g in h.gostergeler:
            # the value reached (C) and its rate, where the layout prints them beside the period columns: a row
            # of its own after the periods, marked ``reached``
            extra = [g.reached] if g.reached is not None else []
            for p in (g.periods + extra) or [None]:
                rows.append({
                    "amac": h.amac, "hedef": h.hedef, "performans_hedefi": h.performans_hedefi, "code": g.code,
                    "printed_code": g.printed_code, "seq": g.seq, "name": g.name, "unit": g.unit,
                    "weight": g.weight, "baseline": g.baseline, "target": g.target,
                    "month": p.month if p else None, "actual": p.actual if p else None,
                    "reported_rate": p.reported_rate if p else None, "note": p.note if p else "",
                    "page": (p.evidence.page if p else None) or g.evidence.page,
                    "reached": p is not None and p is g.reached,
                })
    return rows


def faaliyet_rows(report: Report) -> list[dict[str, Any]]:
    return [{"amac": h.amac, "hedef": h.hedef, "performans_hedefi": h.performans_hedefi, "code": f.code,
             "printed_code": f.printed_code, "seq": f.seq, "name": f.name, "budget": f.budget, "spent": f.spent,
             "reported_rate": f.reported_rate, "note": f.note, "page": f.evidence.page}
            for h in report.hedefler for f in h.faaliyetler]


def hedef_rows(report: Report) -> list[dict[str, Any]]:
    return [{"amac": h.amac, "hedef": h.hedef, "performans_hedefi": h.performans_hedefi,
             "amac_title": h.amac_title, "hedef_title": h.hedef_title,
             "performans_hedefi_title": h.performans_hedefi_title, "sorumlu_birim": h.sorumlu_birim,
             "reported_performance": h.reported_performance, "gostergeler": len(h.gostergeler),
             "faaliyetler": len(h.faaliyetler), "page": h.page} for h in report.hedefler]


def to_csv(report: Report) -> str:
    """One CSV row per gösterge period then per faaliyet, with a ``kind`` column; UTF-8 with BOM for Excel."""
    buf = io.StringIO()
    cols = ["kind"] + GOSTERGE_COLUMNS + ["budget", "spent"]
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    for r in gosterge_rows(report):
        w.writerow({k: safe_value(v) for k, v in {"kind": "gosterge", **r}.items()})
    for r in faaliyet_rows(report):
        w.writerow({k: safe_value(v) for k, v in {"kind": "faaliyet", **r}.items()})
    return "\ufeff" + buf.getvalue()


def write_xlsx(report: Report, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    sheets = [("Göstergeler", GOSTERGE_COLUMNS, gosterge_rows(report)),
              ("Faaliyetler", FAALIYET_COLUMNS, faaliyet_rows(report)),
              ("Hedefler", HEDEF_COLUMNS, hedef_rows(report))]
    first = True
    for title, cols, rows in sheets:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws.append(cols)
        for r in rows:
            ws.append([safe_value(r[c]) for c in cols])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, c in enumerate(cols, 1):
            width = 40 if c in ("name", "note", "amac_title", "hedef_title", "performans_hedefi_title") else 14
            ws.column_dimensions[get_column_letter(i)].width = width
    wb.save(path)
