"""The key/value layout: the monthly-rows family with the hedef information as a box of ``label | value`` rows.

Each hedef block opens with a two-column box whose labels name the field and whose values carry the code
(``Stratejik Amaç | SA1 - Çevre …``, ``Stratejik Hedef | SH1.2 - …``, ``Performans Hedefi | PH1.2.1 - …``,
``Sorumlu Birim | …``, ``Hedef Performansı (%) | 75,42``); the labels are matched by meaning (``VOCABULARY``, kind
``hedef_box``). Then a gösterge table with one sub-row per period, the period cell written out (``Ocak-Eylül``,
``9 Aylık``, ``III. Dönem``, ``9. Ay``: ``normalising/periods.py``), the period's own value (``Dönem Gerçekleşmesi`` →
``Period.period_value``) beside the running total (``Kümülatif Gerçekleşme`` → ``Period.actual``, the C of the
guide's formula), and a faaliyet table (read as every layout's).

Codes: the amaç is the first number of its code (``SA1`` → ``A1``), the hedef and the performans hedefi the last
(``SH1.2`` → ``H2``, ``PH1.2.1`` → ``PH1``), göstergeler and faaliyetler the last (``PG1.2.1.3`` → ``PG3``); the
printed codes are kept. The reference's ``Amaç (A1)`` labels (the code in the label) are ``monthly_rows``.

Its sign in a header: a period column together with a column of the period's own value or a cumulative column
(``Dönem Gerçekleşmesi``, ``Kümülatif Gerçekleşme``); a block whose box this reader read falls back to it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Gosterge, Period
from ...normalising.headers import BOX_FIELDS, match_column
from ...normalising.text import fold, squash
from ...reading.page import GridCell
from ...reading.rows import TableRow
from ..cells import cell_number, ev
from ..columns import Column
from .base import Detection, LayoutReader, pending_period, put_label, read_period

if TYPE_CHECKING:
    from ..assembler import Assembler

# a code at the start of a box value: "SA1 - title", "SH 1.2: title", "PH1.2.1 – title", "A1. title"
# (a "." right before a digit is inside the code: "H3.2 title" is no "H3" titled "2 title")
_VALUE_CODE = re.compile(r"^\s*((?:SA|SH|PH|A|H)?\s*\d+(?:\s*\.\s*\d+)*)\s*(?:[-–—:)]|\.(?!\s*\d))\s*(.*)$",
                         re.S | re.I)


def box_label(text: str) -> str | None:
    """The field a box label names (``amac``, ``hedef``, ``performans_hedefi``, ``sorumlu_birim``,
    ``performance``), or None."""
    return match_column(text, BOX_FIELDS)[0]


def value_code(text: str) -> tuple[str, list[int], str] | None:
    """``SH1.2 - Yeşil Alanlar`` -> (``SH1.2``, [1, 2], ``Yeşil Alanlar``); None when the value has no code."""
    m = _VALUE_CODE.match(text or "")
    if not m:
        return None
    printed = re.sub(r"\s+", "", m.group(1)).upper()
    return printed, [int(n) for n in re.findall(r"\d+", printed)], squash(m.group(2))


class KeyValue(LayoutReader):
    name = "keyvalue"
    labels = (re.compile(r"^(?:stratejik\s+)?amac(?:\s+adi)?\s*:?$"),
              re.compile(r"^(?:stratejik\s+)?hedef(?:\s+adi)?\s*:?$"),
              re.compile(r"^performans\s+hedefi(?:\s+adi)?\s*:?$"))

    def detect(self, kind: str, columns: list[Column]) -> Detection:
        if kind != "gosterge" or not any(c.field == "month" for c in columns):
            return Detection(self.name, 0.0)
        evidence = [c.label for c in columns if c.field == "period_value"
                    or (c.field == "actual" and "kumulatif" in fold(c.label).replace(" ", ""))]
        if not evidence:
            return Detection(self.name, 0.0)
        month = next(c.label for c in columns if c.field == "month")
        return Detection(self.name, 0.9, (month, *evidence))

    # ------------------------------------------------------------------ the box
    def label_row(self, ctx: Assembler, row: TableRow, key: str, cells: list[GridCell]) -> bool:
        if len(cells) > 2:
            return False
        fld = box_label(cells[0].flat)
        if fld is None:
            return False
        value = cells[1] if len(cells) > 1 else None
        vtext = squash(value.flat) if value is not None else ""
        mine = ctx.current is not None and ctx.current.layout == self.name and ctx.current.open_labels
        if fld in ("sorumlu_birim", "performance"):
            if not mine:
                return False  # another layout's box: the generic labels read it
            h = ctx.current.hedef  # type: ignore[union-attr]
            if fld == "sorumlu_birim":
                h.sorumlu_birim = vtext
                if value is not None:
                    h.evidence.cells["sorumlu_birim"] = ev(value, row.page)
            else:
                ctx.reported_performance(value, vtext, row.page)
            return True
        coded = value_code(vtext)
        if coded is None:
            return False
        printed, numbers, title = coded
        if fld == "amac" or not mine:
            ctx.open_block(row.page, row)
            ctx.current.layout = self.name  # type: ignore[union-attr]
        h = ctx.current.hedef  # type: ignore[union-attr]
        if fld == "hedef":
            h.amac = h.amac or (f"A{numbers[0]}" if len(numbers) > 1 else "")
        code = f"A{numbers[0]}" if fld == "amac" else f"{'H' if fld == 'hedef' else 'PH'}{numbers[-1]}"
        put_label(h, fld, code, printed, title, ev(value, row.page))  # type: ignore[arg-type]
        return True

    # ------------------------------------------------------------------ the period sub-rows
    def periods(self, ctx: Assembler, g: Gosterge, row: TableRow, f: dict[str, GridCell]) -> None:
        """One period per sub-row: its written-out label, the cumulative value, the period's own, the rate."""
        month_cell, note_cell = f.get("month"), f.get("note")
        if month_cell is None and f.get("actual") is None and f.get("rate") is None:
            return
        label = squash(month_cell.flat) if month_cell is not None else ""
        if label:  # read by the period vocabulary; a label it cannot read is a reading problem there
            month = read_period(ctx, g, label, row.page, month_cell.bbox if month_cell else row.bbox)
        else:
            month = ctx.period_hint
        note = squash(note_cell.flat) if note_cell is not None else ""
        p = Period(month, cell_number(f["actual"]) if "actual" in f else None,
                   cell_number(f["rate"]) if "rate" in f else None, note)
        p.period_value = cell_number(f["period_value"]) if "period_value" in f else None
        p.evidence.page, p.evidence.bbox = row.page, row.bbox
        for fld, name in (("actual", "actual"), ("rate", "reported_rate"), ("month", "month"),
                          ("period_value", "period_value")):
            if (c := f.get(fld)) is not None:
                p.evidence.cells[name] = ev(c, row.page)
        if note_cell is not None and note:
            p.evidence.cells["note"] = ev(note_cell, row.page, note)
        g.periods.append(p)
        if month is None and label:
            pending_period(ctx, g, p)
        elif month is None:
            ctx.issue("period_label_unknown", row.page, month_cell.bbox if month_cell else row.bbox, item=g.code,
                      text=label)
