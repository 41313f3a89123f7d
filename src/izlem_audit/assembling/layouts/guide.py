"""The guide's layout (the SBB izleme guide's A/B/C table).

Label rows ``A1 | …``, ``H1.1 | …``, ``H1.1 Performansı | …`` open and describe a hedef block; a hedef split
into performans hedefleri has one block per PH (``PH1.1.1 | …``, ``PH1.1.1 Performansı | …``), the A/H rows
repeated above it or not (a PH row after a read PH opens the next PH of the same hedef); the gösterge
header is ``Performans Göstergesi | Hedefe Etkisi (%) | Plan Dönemi Başlangıç Değeri (A) | … Hedeflenen Değer
(B) | … Gerçekleşme Değeri (C) | Performans (%) (C-A)/(B-A)``, one row per gösterge for the report's period
(``PG1.1.1: name`` in one cell), and ``Açıklama | …`` rows after each gösterge or once after all of them.
Its sign in a header: the guide's letters (A), (B), (C), a baseline column, and no month column.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Cell
from ...normalising.text import squash
from ...reading.page import GridCell
from ...reading.rows import TableRow
from .. import codes
from ..cells import cell
from ..columns import Column
from .base import Detection, HedefBlock, LayoutReader, put_label

if TYPE_CHECKING:
    from ..assembler import Assembler

_LETTER = re.compile(r"\(\s*([ABCabc])\s*\)\s*$")


class Guide(LayoutReader):
    name = "guide_standard"
    labels = (codes.GUIDE_AMAC, codes.GUIDE_HEDEF, codes.GUIDE_PERF, codes.GUIDE_PH, codes.GUIDE_PH_PERF,
              codes.NOTE_LABEL)

    def detect(self, kind: str, columns: list[Column]) -> Detection:
        if kind != "gosterge" or any(c.field == "month" for c in columns):
            return Detection(self.name, 0.0)
        score, evidence = 0.0, []
        for c in columns:
            if c.field in ("baseline", "target", "actual") and _LETTER.search(c.label.strip()):
                score += 0.2
                evidence.append(c.label)
            elif c.field == "baseline":
                score += 0.3
                evidence.append(c.label)
            elif c.field == "rate" and "(c-a)" in c.label.lower().replace(" ", ""):
                score += 0.2
                evidence.append(c.label)
        return Detection(self.name, round(min(score, 1.0), 2), tuple(evidence))

    # ------------------------------------------------------------------ label rows
    def label_row(self, ctx: Assembler, row: TableRow, key: str, cells: list[GridCell]) -> bool:
        value = cells[1] if len(cells) > 1 else None
        vtext = squash(value.flat) if value else ""
        page = row.page
        m = codes.GUIDE_PERF.match(key) or codes.GUIDE_PH_PERF.match(key)
        if m and ctx.current is not None and ctx.current.open_labels:
            ctx.reported_performance(value, vtext, page)
            return True
        m = codes.GUIDE_PH.match(key)
        if m and value is not None and ctx.current is not None:
            self._ph_row(ctx, row, m, cells[0], value, vtext)
            return True
        m = codes.GUIDE_HEDEF.match(key)
        if m and value is not None:
            if ctx.current is None or not ctx.current.open_labels or ctx.current.hedef.hedef:
                ctx.open_block(page, row)
            ctx.current.layout = self.name  # type: ignore[union-attr]
            h = ctx.current.hedef  # type: ignore[union-attr]
            h.amac = h.amac or f"A{int(m.group(1))}"
            put_label(h, "hedef", f"H{int(m.group(2))}", squash(cells[0].flat).replace(" ", ""), vtext,
                      cell(value, page))
            return True
        m = codes.GUIDE_AMAC.match(key)
        if m and value is not None and len(cells) == 2:
            ctx.open_block(page, row)
            h = ctx.current.hedef  # type: ignore[union-attr]
            put_label(h, "amac", f"A{int(m.group(1))}", squash(cells[0].flat), vtext, cell(value, page))
            ctx.current.layout = self.name  # type: ignore[union-attr]
            return True
        return False

    def _ph_row(self, ctx: Assembler, row: TableRow, m: re.Match[str], label: GridCell, value: GridCell,
                vtext: str) -> None:
        """``PH1.1.2 | title``: the performans hedefi of the block being labelled, or — after a PH already read
        or the block's tables — the next block, a further PH of the same hedef (its A/H rows not repeated)."""
        assert ctx.current is not None
        prev = ctx.current.hedef
        if not ctx.current.open_labels or prev.performans_hedefi:
            ctx.open_block(row.page, row)
            assert ctx.current is not None
            h = ctx.current.hedef
            h.amac, h.hedef = prev.amac, prev.hedef
            h.amac_title, h.hedef_title, h.sorumlu_birim = prev.amac_title, prev.hedef_title, prev.sorumlu_birim
            h.printed_codes.update({k: v for k, v in prev.printed_codes.items() if k in ("amac", "hedef")})
            for k in ("amac", "hedef"):
                if k in prev.evidence.cells:
                    h.evidence.cells[k] = prev.evidence.cells[k]
        h = ctx.current.hedef
        ctx.current.layout = self.name
        if m.group(3) is not None:  # PHa.h.p: its amaç and hedef as printed
            h.amac = h.amac or f"A{int(m.group(1))}"
            h.hedef = h.hedef or f"H{int(m.group(2))}"
        number = int(m.group(3) if m.group(3) is not None else m.group(2))
        put_label(h, "performans_hedefi", f"PH{number}", squash(label.flat).replace(" ", "").rstrip(":"), vtext,
                  cell(value, row.page))

    # ------------------------------------------------------------------ Açıklama rows
    def own_row(self, ctx: Assembler, row: TableRow, f: dict[str, GridCell]) -> bool:
        """An ``Açıklama`` row: the note of the gösterge just above, or of the hedef."""
        assert ctx.current is not None
        first = f.get("name") or f.get("code")
        if not codes.NOTE_LABEL.match(codes.label_key(first.flat if first else "")):
            return False
        cells = [c for c in row.cells if c.flat]
        text = squash(" ".join(c.flat for c in cells[1:])) if len(cells) > 1 else ""
        target = ctx.current.last_gosterge if ctx.current.prev == "gosterge" else None
        ctx.current.prev = "note"
        note = Cell(text, row.page, cells[-1].bbox if cells else row.bbox)
        ctx.current.state.setdefault("notes", []).append((target, text, note))
        return True

    def own_continuation(self, ctx: Assembler, row: TableRow) -> bool:
        """The rest of an Açıklama row broken by the page break."""
        assert ctx.current is not None
        notes = ctx.current.state.get("notes")
        if ctx.current.prev != "note" or not notes:
            return False
        target, text, note = notes[-1]
        rest = squash(" ".join(c.flat for c in row.cells if c.flat))
        notes[-1] = (target, squash(f"{text} {rest}"), note)
        note.parts.extend((row.page, c.bbox) for c in row.cells if c.flat)
        return True

    def close_block(self, ctx: Assembler, block: HedefBlock) -> None:
        """Açıklama rows after each gösterge are theirs; a single one after several göstergeler is the hedef's."""
        notes = block.state.get("notes")
        if not notes:
            return
        per_item = len(block.hedef.gostergeler) > 1 and all(t is not None for t, _, _ in notes) and \
            len({id(t) for t, _, _ in notes}) == len(notes) == len(block.hedef.gostergeler)
        if per_item:
            for g, text, note in notes:
                for p in g.periods:
                    p.note = text
                    p.evidence.cells["note"] = note
        else:
            block.hedef.note = squash(" ".join(t for _, t, _ in notes))
            first = notes[0][2]
            block.hedef.evidence.cells["note"] = Cell(block.hedef.note, first.page, first.bbox, parts=list(
                first.parts) + [piece for _, _, c in notes[1:] for piece in c.pieces() if piece[0] is not None])
