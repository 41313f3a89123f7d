"""The annual activity report's (faaliyet raporu) performance table, per müdürlük: layout ``activity_deviation``.

``Gösterge Kodu | Gösterge | Ölçü Birimi | Hedef | Sonuç | Gerçekleşme Oranı | Sapma Durumu | Sorumlu Birim``,
one row per gösterge, grouped under müdürlük headings (a line above each table, or a merged row inside it);
values may be written ``%100``. The header words have a vocabulary of their own (``VOCABULARY``, kind
``deviation``: ``Sapma Durumu`` is the note, ``Ölçü Birimi`` the unit, ``Sorumlu Birim`` the birim), so that they
never name a column of a monitoring report's gösterge table.

No label rows open its hedef blocks: the code does (``opens_blocks``).

- four levels ``amaç.hedef.performans hedefi.gösterge``: ``3.1.19.1`` → ``A3``, ``H1``, ``PH19``, ``PG1``; three
  levels ``amaç.hedef.gösterge``: ``2.2.1`` → ``A2``, ``H2``, no PH, ``PG1``; the printed code is kept; a block
  whose rows come back after another block's goes on (not a second block with the same code);
- the block's ``sorumlu_birim`` is the Sorumlu Birim of its first row; no hedef performance, weight or start
  value is printed, so none is read;
- the unit is the Ölçü Birimi column (canonical when known); the name the Gösterge cell as printed;
- one period, month 12 (the report covers the year): ``actual`` = Sonuç, ``reported_rate`` = Gerçekleşme
  Oranı, ``note`` = Sapma Durumu.

What is checked then is what the rules check on any report: the rate against Sonuç / Hedef (the guide's
formula with A = 0; a decreasing indicator printed as Hedef / Sonuç is recognised by ``recomputing``), and, in
a year-end report, a rate off 100 needs a Sapma Durumu that gives a reason (IZ508). Its sign in a header: code,
target, result and rate columns, no month column, and a column only this table has (Sapma Durumu, Sorumlu
Birim, Ölçü Birimi).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Gosterge, Period
from ...normalising.headers import DEVIATION_COLUMNS, match_column
from ...normalising.text import squash
from ...normalising.units import normalise_unit
from ...reading.page import GridCell
from ...reading.rows import TableRow
from ..cells import cell_number, ev
from ..columns import Column, ColumnMap, HeadCell
from .base import Detection, LayoutReader, finish_item, put_cells

if TYPE_CHECKING:
    from ..assembler import Assembler

CODE = re.compile(r"^\s*(\d+)\s*\.\s*(\d+)\s*\.\s*(\d+)(?:\s*\.\s*(\d+))?\s*$")
_OWN = ("note", "birim", "unit")  # fields only this table's header names


def block_key(code: str) -> tuple[str, str, str | None, str] | None:
    """``3.1.19.1`` -> (``A3``, ``H1``, ``PH19``, ``PG1``); ``2.2.1`` -> (``A2``, ``H2``, None, ``PG1``)."""
    m = CODE.match(code or "")
    if not m:
        return None
    a, h, x, y = m.groups()
    if y is None:
        return f"A{int(a)}", f"H{int(h)}", None, f"PG{int(x)}"
    return f"A{int(a)}", f"H{int(h)}", f"PH{int(x)}", f"PG{int(y)}"


class Deviation(LayoutReader):
    name = "activity_deviation"
    opens_blocks = True

    def detect(self, kind: str, columns: list[Column]) -> Detection:
        if kind != "gosterge" or any(c.field == "month" for c in columns):
            return Detection(self.name, 0.0)
        fields = {c.field for c in columns if c.field}
        if not {"code", "target", "actual", "rate"} <= fields:
            return Detection(self.name, 0.0)
        own = [c.label for c in columns if match_column(c.label, DEVIATION_COLUMNS)[0] in _OWN
               and "aciklama" not in c.label.lower()]
        if not own:
            return Detection(self.name, 0.0)
        return Detection(self.name, 1.0, tuple(own))

    def column_map(self, kind: str, stack: list[list[HeadCell]]) -> ColumnMap:
        """The lowest header row's labels, by the meaning ``DEVIATION_COLUMNS`` gives them."""
        bottom = stack[-1]
        return ColumnMap(kind, [Column(h.x0, h.x1, match_column(h.text, DEVIATION_COLUMNS)[0], h.text)
                                for h in bottom if h.text])

    def gosterge_row(self, ctx: Assembler, row: TableRow) -> None:
        assert ctx.current is not None
        f = ctx.fields(row)
        filled = [c for c in row.cells if c.flat]
        code_cell = f.get("code")
        key = block_key(code_cell.flat) if code_cell is not None else None
        if key is None:
            if len(filled) == 1 and not any(ch.isdigit() for ch in filled[0].flat):
                return  # a müdürlük heading merged over the row (each row names its Sorumlu Birim)
            ctx.issue("unplaced_row", row.page, row.bbox, text=" | ".join(c.flat for c in filled)[:120])
            return
        amac, hedef, ph, pg = key
        self._block(ctx, row, (amac, hedef, ph), f.get("birim"))
        h = ctx.current.hedef
        name_cell, unit_cell = f.get("name"), f.get("unit")
        g = Gosterge(code=pg, name=squash(name_cell.flat) if name_cell is not None else "",
                     printed_code=squash(code_cell.flat).replace(" ", ""))  # type: ignore[union-attr]
        unit = normalise_unit(unit_cell.flat if unit_cell is not None else None)
        g.unit, g.unit_known = unit.name, unit.known
        put_cells(g, f, row.page, ("code", "name", "unit", "target"), numbers=("target",))
        note = f.get("note")
        p = Period(12, cell_number(f["actual"]) if "actual" in f else None,
                   cell_number(f["rate"]) if "rate" in f else None, squash(note.flat) if note is not None else "")
        p.evidence.page, p.evidence.bbox = row.page, row.bbox
        for fld, name in (("actual", "actual"), ("rate", "reported_rate")):
            if (c := f.get(fld)) is not None:
                p.evidence.cells[name] = ev(c, row.page)
        if note is not None and p.note:
            p.evidence.cells["note"] = ev(note, row.page, p.note)
        g.periods.append(p)
        finish_item(ctx, row, g, h.gostergeler, pg)

    def _block(self, ctx: Assembler, row: TableRow, key: tuple[str, str, str | None], birim: GridCell | None) -> None:
        """Make the block of ``key`` current: the open one, a closed one whose rows come back, or a new one."""
        cur = ctx.current
        assert cur is not None
        if cur.hedef.key == key:
            return
        if cur.hedef.hedef:  # another block's rows: close it, keep reading the table
            ctx.switch_block(row)
        h = ctx.current.hedef  # type: ignore[union-attr]
        earlier = next((x for x in ctx.report.hedefler if x.key == key), None)
        if earlier is not None:
            ctx.report.hedefler.remove(earlier)
            ctx.current.hedef = earlier  # type: ignore[union-attr]
            return
        h.amac, h.hedef, h.performans_hedefi = key
        h.page, h.evidence.page, h.evidence.bbox = row.page, row.page, row.bbox
        h.sorumlu_birim = squash(birim.flat) if birim is not None else ""
        if birim is not None:
            h.evidence.cells["sorumlu_birim"] = ev(birim, row.page)
