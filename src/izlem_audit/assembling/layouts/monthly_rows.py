"""The monthly-rows layout (the Çiğli reference): Word tables with a sub-row per month.

Label rows ``Amaç (A1) | …``, ``Hedef (H2) | …``, ``Performans Hedefi (PH1) | …`` open and describe a hedef
block; the gösterge header is ``Sıra No | Gösterge Kodu | Gösterge Adı | Hedef Etkisi % | Hedef | Ay |
Gerçekleşme | Gerçekleşme Oranı % | Açıklama`` and each gösterge has one sub-row (or one line of a cell) per
month. Its sign in a header: a month column (``Ay``, ``Dönem``), with a Sıra No and a code column of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...normalising.text import squash
from ...reading.page import GridCell
from ...reading.rows import TableRow
from .. import codes
from ..cells import cell
from ..columns import Column
from .base import Detection, LayoutReader, put_label

if TYPE_CHECKING:
    from ..assembler import Assembler


class MonthlyRows(LayoutReader):
    name = "monthly_rows"
    labels = (codes.AMAC_LABEL, codes.HEDEF_LABEL, codes.PH_LABEL)

    def detect(self, kind: str, columns: list[Column]) -> Detection:
        if kind != "gosterge":
            return Detection(self.name, 0.0)
        score, evidence = 0.0, []
        for fld, weight in (("month", 0.6), ("seq", 0.2), ("code", 0.2)):
            col = next((c for c in columns if c.field == fld), None)
            if col is not None:
                score += weight
                evidence.append(col.label)
        if not any(c.field == "month" for c in columns):
            return Detection(self.name, 0.0)  # without a month column the rows are not monthly sub-rows
        return Detection(self.name, round(score, 2), tuple(evidence))

    def label_row(self, ctx: Assembler, row: TableRow, key: str, cells: list[GridCell]) -> bool:
        value = cells[1] if len(cells) > 1 else None
        vtext = squash(value.flat) if value else ""
        page = row.page
        m = codes.AMAC_LABEL.match(key)
        if m:
            ctx.open_block(page, row)
            code = f"A{int(m.group(1))}"
            h = ctx.current.hedef  # type: ignore[union-attr]
            put_label(h, "amac", code, code, vtext, cell(value or cells[0], page))
            ctx.current.layout = self.name  # type: ignore[union-attr]
            return True
        if ctx.current is None or not ctx.current.open_labels:
            return False
        for level, label, prefix in (("hedef", codes.HEDEF_LABEL, "H"), ("performans_hedefi", codes.PH_LABEL, "PH")):
            m = label.match(key)
            if m:
                code = f"{prefix}{int(m.group(1))}"
                put_label(ctx.current.hedef, level, code, code, vtext, cell(value or cells[0], page))
                return True
        return False
