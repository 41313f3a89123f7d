"""The performance programme's tables: per hedef (or performans hedefi) its göstergeler with unit, weight,
baseline and the year's target, and its faaliyetler with their budget — a target and no actual.

A programme lays its hedef blocks out as the monitoring reports of its municipality do, minus the actuals:

- label rows open a block: the other readers' (``Amaç (A1) | …``, ``A1 | …``, ``Hedef (H1)``, ``H1.1 | …``,
  ``Performans Hedefi (PH1)``) and the SBB *Performans Hedefi Tablosu*'s, whose value leads with the code:
  ``Amaç | A1 …``, ``Hedef | H1.1 …``, ``Performans Hedefi | PH1 …`` (``Stratejik Amaç``, ``SA1``, ``SH1.1`` too);
  ``Açıklama(lar)`` and ``İlgili Birim`` describe it;
- a gösterge header names a gösterge (name or code) and a target, and nothing a monitoring table has (no month,
  no rate, no ``Gerçekleşme`` of the programme's year): ``Performans Göstergesi | Ölçü Birimi | Hedefe Etkisi (%)
  | Plan Dönemi Başlangıç Değeri (A) | 2024 Yılı Gerçekleşme Tahmini | 2025 Yılı Hedefi`` (``GOSTERGE_HEADERS``).
  A column of an earlier year's actual (``2024 Yılı Gerçekleşme (Tahmini)``, ``Önceki Yıl``) is the previous
  year's value (``prior``); the baseline is the start value (``(A)``, ``Başlangıç Değeri``) or, when the
  programme prints none, the previous year's value; with targets of several years, the target is the first year's
  (``2025 Hedefi`` beside ``2026``, ``2027``) and the others are kept as printed (``target_2026``);
- a faaliyet header names a faaliyet and its money: ``Faaliyetler | Bütçe (TL) | Bütçe Dışı (TL) | Toplam (TL)``
  (``FAALIYET_HEADERS``). The budget is the ``Bütçe`` column (what the monitoring reports print as the faaliyet's
  ``Hedef (TL)``), the total when only a total is printed; ``Toplam Kaynak İhtiyacı`` / ``Genel Toplam`` rows are
  the block's totals.

Every printed value is kept as evidence (``prior``, ``outside``, ``total`` beside the model's fields), so the
conservation ledger finds each number placed; a row that fits nowhere is a reading problem.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...model import Faaliyet, Gosterge, Hedef
from ...normalising.headers import match_column
from ...normalising.numbers import parse_number
from ...normalising.text import ascii_fold, fold, squash
from ...normalising.units import normalise_unit
from ...reading.page import GridCell
from ...reading.rows import TableRow
from .. import codes
from ..cells import cell_number, ev
from ..columns import Column, ColumnMap, HeadCell
from .base import (Detection, Item, LayoutReader, finish_item, join_name, new_item, put_cells, put_label,
                   unit_of_name)

if TYPE_CHECKING:
    from ..assembler import Assembler

NAME = "programme"

GOSTERGE_HEADERS: dict[str, tuple[str, ...]] = {
    "seq": ("Sıra No", "Sıra", "S.No", "No"),
    "code": ("Gösterge Kodu", "Kod", "Gösterge No", "PG Kodu"),
    "name": ("Performans Göstergesi", "Performans Göstergeleri", "Gösterge Adı", "Gösterge", "Gösterge Tanımı"),
    "unit": ("Ölçü Birimi", "Birimi", "Birim", "Ölçü Birim"),
    "weight": ("Hedefe Etkisi (%)", "Hedef Etkisi %", "Hedef Etkisi", "Hedefe Etkisi", "Hedefe Etkisi %",
               "Göstergenin Hedefe Etkisi (%)", "Ağırlık (%)", "Ağırlık", "Etki (%)"),
    "baseline": ("Plan Dönemi Başlangıç Değeri (A)", "Plan Dönemi Başlangıç Değeri", "Başlangıç Değeri",
                 "Başlangıç Değeri (A)", "Mevcut Durum"),
    "prior": ("YYYY Yılı Gerçekleşme Tahmini", "YYYY Gerçekleşme Tahmini", "YYYY Yılı Gerçekleşme",
              "YYYY Yılı Gerçekleşmesi", "YYYY Gerçekleşme", "Önceki Yıl", "Önceki Yıl Gerçekleşmesi",
              "Gerçekleşme Tahmini"),
    "target": ("YYYY Yılı Hedefi", "YYYY Hedefi", "YYYY Yılı Hedef", "YYYY Hedef", "Hedef",
               "YYYY Yılı Hedeflenen Değer (B)", "Yılsonu Hedeflenen Değer (B)", "Hedeflenen Değer", "Hedeflenen",
               "Yıl Sonu Hedefi", "Hedef Değer"),
    "note": ("Açıklama", "Açıklamalar"),
}
FAALIYET_HEADERS: dict[str, tuple[str, ...]] = {
    "seq": ("Sıra No", "Sıra", "S.No", "No"),
    "code": ("Faaliyet Kodu", "Faaliyet No", "Kod"),
    "name": ("Faaliyetler", "Faaliyet / Proje Adı", "Faaliyet/Proje Adı", "Faaliyet Adı", "Faaliyet / Proje",
             "Faaliyet"),
    "budget": ("Bütçe (TL)", "Bütçe", "Bütçe İçi (TL)", "Bütçe İçi Kaynak (TL)", "Bütçe Ödeneği (TL)",
               "Ödenek (TL)"),
    "outside": ("Bütçe Dışı (TL)", "Bütçe Dışı Kaynak (TL)", "Bütçe Dışı", "Bütçe Dışı Kaynak"),
    "total": ("Toplam (TL)", "Toplam", "Toplam Kaynak (TL)", "Kaynak İhtiyacı (TL)", "Toplam Kaynak İhtiyacı (TL)"),
    "note": ("Açıklama", "Açıklamalar"),
}
VOCAB = {"gosterge": GOSTERGE_HEADERS, "faaliyet": FAALIYET_HEADERS}
# a monitoring table's columns: months, rates, actuals (a programme has none of these)
_MONITORED = re.compile(r"\b(ay|donem|izleme donemi|gerceklesme orani|performans|sonuc|gerceklesen|harcama)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")

AMAC = re.compile(r"^(?:stratejik\s+)?amac\s*:?$")
HEDEF = re.compile(r"^(?:stratejik\s+)?hedef\s*:?$")
PH = re.compile(r"^performans\s+hedefi\s*:?$")
BIRIM = re.compile(r"^ilgili\s+birim(?:ler)?\s*:?$")
LEAD_AMAC = re.compile(r"^\s*(?:SA|A)\s*(\d+)\s*[:.\-–)]?\s+(.*)$", re.S)
LEAD_HEDEF = re.compile(r"^\s*(?:SH|H)\s*(\d+)(?:\s*\.\s*(\d+))?\s*[:.\-–)]?\s+(.*)$", re.S)
LEAD_PH = re.compile(r"^\s*PH\s*(\d+)((?:\s*\.\s*\d+)*)\s*[:.\-–)]?\s+(.*)$", re.S)
TOTAL_ROW = re.compile(r"^(genel\s+toplam|toplam(\s+kaynak(\s+ihtiyaci)?)?|kaynak\s+ihtiyaci\s+toplami)\s*:?$")
_GROUP = re.compile(r"^(kaynak ihtiyaci.*|(19|20)\d\d( yili)?( hedef.*)?|performans gostergeleri|faaliyetler|"
                    r"hedefler|degerler)$")


# ----------------------------------------------------------------------------------------------- headers


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def programme_year(labels: list[str]) -> int | None:
    """The programme's year as its header says it: the first year a target column names (``2025 Yılı Hedefi``)."""
    for t in labels:
        if "hedef" in fold(t) and "etki" not in fold(t) and _year_of(t):
            return _year_of(t)
    return None


def label_field(text: str, kind: str, year: int | None) -> str | None:
    """The field a programme's header label names; ``"_actual"`` for a monitoring table's actual (a
    ``Gerçekleşme`` of the programme's year or of no year, not an estimate)."""
    f, _ = match_column(text, VOCAB[kind])
    label_year = _year_of(text)
    key = fold(text)
    if kind == "gosterge" and "gerceklesme" in key and "tahmin" not in key and "onceki" not in key:
        if label_year is None or (year is not None and label_year >= year):
            return "_actual"
    if kind == "faaliyet" and re.search(r"gerceklesme|harcan", key):
        return "_actual"  # spending: a monitoring report's faaliyet table
    if kind == "gosterge" and f == "target" and label_year is not None and year is not None and label_year != year:
        return f"target_{label_year}"  # a target of another year, kept as printed
    return f


def programme_columns(kind: str, labelled: list[tuple[float, float, str]]) -> list[Column] | None:
    """A programme's header (labelled x-ranges), or None: a name (or code) and a target (or a budget / total),
    most labels known, and nothing a monitoring table has (an actual, a month, a rate)."""
    texts = [(x0, x1, squash(t)) for x0, x1, t in labelled if squash(t)]
    if len(texts) < 3 or any(parse_number(t) is not None and not _YEAR.fullmatch(t) for _, _, t in texts):
        return None
    year = programme_year([t for _, _, t in texts])
    cols: list[Column] = []
    for x0, x1, t in texts:
        f = label_field(t, kind, year)
        if f == "_actual" or (f is None and _MONITORED.search(fold(t))):
            return None
        cols.append(Column(x0, x1, f, t))
    named = [c.field for c in cols if c.field]
    if len(named) < 3 or len(named) < 0.6 * len(cols) or not ({"name", "code"} & set(named)):
        return None
    if kind == "gosterge" and "target" not in named:
        return None
    if kind == "faaliyet" and not ({"budget", "total"} & set(named)):
        return None
    return cols


def group_labels(cells: list[GridCell]) -> bool:
    """A row of labels only, each a column label of either table or a label over a group of columns
    (``Kaynak İhtiyacı (TL)``, ``2025 Yılı``), at least one a group's and none a monitoring table's: the upper
    row of a two-row header."""
    group = False
    for c in cells:
        key = fold(c.flat)
        if label_field(c.flat, "gosterge", None) == "_actual" or _MONITORED.search(key):
            return False
        if _GROUP.match(key):
            group = True
        elif not (match_column(c.flat, GOSTERGE_HEADERS)[0] or match_column(c.flat, FAALIYET_HEADERS)[0]):
            return False
    return group


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) > 1.0


def _header_rows(stack: list[list[HeadCell]]) -> list[tuple[float, float, str]]:
    """The header's labelled x-ranges: the lowest row's, and those of upper rows that stand over none of them (a
    label spanning both rows: ``Faaliyetler`` beside ``Kaynak İhtiyacı`` over ``Bütçe | Bütçe Dışı | Toplam``)."""
    rows = [[(h.x0, h.x1, h.text) for h in r if squash(h.text)] for r in stack]
    rows = [r for r in rows if r]
    if not rows:
        return []
    out = list(rows[-1])
    for upper in reversed(rows[:-1]):
        out += [u for u in upper if not any(_overlaps((u[0], u[1]), (o[0], o[1])) for o in out)]
    return sorted(out)


# ----------------------------------------------------------------------------------------------- the reader


class Programme(LayoutReader):
    name = NAME
    labels = (AMAC, HEDEF, PH)

    def detect(self, kind: str, columns: list[Column]) -> Detection:
        """Certain (1.0) when the header is a programme's: a target (or budget) and nothing monitored."""
        cols = programme_columns(kind, [(c.x0, c.x1, c.label) for c in columns])
        if cols is None:
            return Detection(self.name, 0.0)
        evidence = tuple(c.label for c in cols if c.field in ("target", "prior", "unit", "budget", "outside", "total"))
        return Detection(self.name, 1.0, evidence)

    def column_map(self, kind: str, stack: list[list[HeadCell]]) -> ColumnMap:
        cols = programme_columns(kind, _header_rows(stack))
        return ColumnMap(kind, cols or [])

    # ------------------------------------------------------------------ label rows
    def label_row(self, ctx: Assembler, row: TableRow, key: str, cells: list[GridCell]) -> bool:
        value = cells[1] if len(cells) > 1 else None
        if value is None:
            return False
        vtext = squash(value.flat)
        page = row.page
        if AMAC.match(key) and (lead := LEAD_AMAC.match(vtext)):
            ctx.open_block(page, row)
            h = ctx.current.hedef  # type: ignore[union-attr]
            put_label(h, "amac", f"A{int(lead.group(1))}", squash(vtext.split()[0]), squash(lead.group(2)),
                      ev(value, page))
            ctx.current.layout = self.name  # type: ignore[union-attr]
            return True
        if HEDEF.match(key) and (lead := LEAD_HEDEF.match(vtext)):
            cur = ctx.current
            if cur is None or not cur.open_labels or cur.hedef.hedef:
                prev = cur.hedef if cur is not None else (ctx.report.hedefler[-1] if ctx.report.hedefler else None)
                ctx.open_block(page, row)
                if prev is not None:
                    h = ctx.current.hedef  # type: ignore[union-attr]
                    h.amac, h.amac_title = prev.amac, prev.amac_title
                    h.printed_codes["amac"] = prev.printed_codes.get("amac", prev.amac)
            h = ctx.current.hedef  # type: ignore[union-attr]
            a, n = (lead.group(1), lead.group(2)) if lead.group(2) else (None, lead.group(1))
            if a is not None and not h.amac:
                h.amac = f"A{int(a)}"
            put_label(h, "hedef", f"H{int(n)}", squash(vtext.split()[0]), squash(lead.group(3)), ev(value, page))
            ctx.current.layout = self.name  # type: ignore[union-attr]
            return True
        if ctx.current is None:
            return False
        h = ctx.current.hedef
        if PH.match(key) and (lead := LEAD_PH.match(vtext)):
            if h.performans_hedefi and (h.gostergeler or h.faaliyetler):
                prev = h
                ctx.open_block(page, row)
                h = ctx.current.hedef  # type: ignore[union-attr]
                h.amac, h.amac_title, h.hedef, h.hedef_title = prev.amac, prev.amac_title, prev.hedef, prev.hedef_title
                h.printed_codes.update({k: v for k, v in prev.printed_codes.items() if k != "performans_hedefi"})
            put_label(h, "performans_hedefi", f"PH{int(lead.group(1))}", squash(vtext.split()[0]),
                      squash(lead.group(3)), ev(value, page))
            return True
        if BIRIM.match(key) and ctx.current.open_labels:
            h.sorumlu_birim = vtext
            h.evidence.cells["sorumlu_birim"] = ev(value, page)
            return True
        if codes.NOTE_LABEL.match(key) and ctx.current.open_labels and len(cells) == 2:
            h.note = squash(f"{h.note} {vtext}")
            h.evidence.cells["note"] = ev(value, page, h.note)
            return True
        return False

    # ------------------------------------------------------------------ data rows
    def _fields(self, ctx: Assembler, row: TableRow) -> dict[str, GridCell]:
        """field -> cell; a code-only cell under a name column spanning a code and a name is the code."""
        assert ctx.cmap is not None
        kind = "PG" if ctx.cmap.kind == "gosterge" else "F"
        out: dict[str, GridCell] = {}
        for c in row.cells:
            if not c.flat:
                continue
            f = ctx.cmap.field_of(c)
            if f is None:
                out.setdefault("_extra", c)
            elif f == "name" and "name" in out and codes.item_code(out["name"].flat, kind)[0] \
                    and not codes.item_code(out["name"].flat, kind)[2]:
                out.setdefault("code", out["name"])
                out["name"] = c
            else:
                out.setdefault(f, c)
        return out

    def _two_row_header(self, ctx: Assembler, row: TableRow) -> bool:
        """The upper row of a two-row header (``Faaliyetler | Kaynak İhtiyacı (TL)``) comes as a data row of the
        table above; the next row completes it into the header of a new table."""
        assert ctx.current is not None
        filled = [c for c in row.cells if c.flat]
        pending = ctx.current.state.pop("pending_header", None)
        if pending:
            labelled = [(c.bbox[0], c.bbox[2], c.flat) for c in filled]
            labelled += [(c.bbox[0], c.bbox[2], c.flat) for c in pending
                         if not any(_overlaps((c.bbox[0], c.bbox[2]), (x0, x1)) for x0, x1, _ in labelled)]
            for kind in ("faaliyet", "gosterge"):
                cols = programme_columns(kind, sorted(labelled))
                if cols is not None and (kind == "faaliyet") == ("faaliyet" in ascii_fold(
                        " ".join(t for _, _, t in labelled))):
                    ctx.mode = kind
                    ctx.cmap = ColumnMap(kind, cols)
                    ctx.read_rows.append((row.page, row.bbox))
                    return True
        if group_labels(filled):
            ctx.current.state["pending_header"] = filled
            ctx.read_rows.append((row.page, row.bbox))
            return True
        return False

    def gosterge_row(self, ctx: Assembler, row: TableRow) -> None:
        assert ctx.current is not None and ctx.cmap is not None
        if self._two_row_header(ctx, row):
            return
        h = ctx.current.hedef
        f = self._fields(ctx, row)
        started = self._start(ctx, row, f, Gosterge, h.gostergeler, ("target", "weight", "baseline"))
        if started is None:
            return
        g, code = started
        unit_cell = f.get("unit")
        if unit_cell is not None:
            u = normalise_unit(unit_cell.flat)
            g.unit, g.unit_known = u.name, u.known
        else:
            unit_of_name(g)
        # every printed cell is evidence (the unit's first: the order the evidence has always been written in)
        put_cells(g, f, row.page, ("unit", *_printed(f)), numbers=("weight", "baseline", "target"))
        if g.baseline is None and f.get("prior") is not None and "baseline" not in ctx.cmap.fields():
            g.baseline = _number(f["prior"])  # the previous year's value is the only baseline printed
        self._finish(ctx, row, f, g, code, h.gostergeler)

    def faaliyet_row(self, ctx: Assembler, row: TableRow) -> None:
        assert ctx.current is not None and ctx.cmap is not None
        h = ctx.current.hedef
        filled = [c for c in row.cells if c.flat]
        if filled and TOTAL_ROW.match(codes.label_key(filled[0].flat)):
            for c in filled[1:]:
                fld = ctx.cmap.field_of(c)
                if fld in ("budget", "outside", "total"):
                    h.evidence.cells[f"{fld}_sum"] = ev(c, row.page)
            h.evidence.cells["sum_label"] = ev(filled[0], row.page)
            return
        f = self._fields(ctx, row)
        started = self._start(ctx, row, f, Faaliyet, h.faaliyetler, ("budget", "outside", "total"))
        if started is None:
            return
        fa, code = started
        budget = f.get("budget") if f.get("budget") is not None else f.get("total")
        fa.budget = _number(budget)
        put_cells(fa, f, row.page, _printed(f))
        if budget is not None:
            fa.evidence.cells["budget"] = ev(budget, row.page)
        if f.get("note") is not None:
            fa.note = squash(f["note"].flat)
        self._finish(ctx, row, f, fa, code, h.faaliyetler)

    @staticmethod
    def _start(ctx: Assembler, row: TableRow, f: dict[str, GridCell], cls: type[Item], items: list[Item],
               figures: tuple[str, ...]) -> tuple[Item, str | None] | None:
        """A new gösterge or faaliyet from a row with a code or one of its ``figures``, named by the name cell (or
        by what follows the code in a cell holding both); None for a row with neither: the rest of the item
        above's long name (a row broken by a page break) or, with no item above or no name, an ``unplaced_row``
        reading problem."""
        name_cell, code_cell = f.get("name"), f.get("code")
        first = code_cell or name_cell
        code, printed, rest = codes.item_code(first.flat if first else "", "PG" if cls is Gosterge else "F")
        if code is None and not any(_number(f.get(k)) is not None for k in figures):
            if items and name_cell is not None:
                join_name(items[-1], name_cell, row.page)
            else:
                ctx.issue("unplaced_row", row.page, row.bbox, text=" | ".join(row.texts()))
            return None
        item = new_item(cls, code, printed, items)
        item.name = squash(name_cell.flat) if code_cell is not None and name_cell is not None and \
            code_cell is not name_cell else (rest if code else squash(name_cell.flat if name_cell else ""))
        return item, code

    @staticmethod
    def _finish(ctx: Assembler, row: TableRow, f: dict[str, GridCell], item: Gosterge | Faaliyet, code: str | None,
                items: list[Any]) -> None:
        if f.get("seq") is not None:
            item.seq = squash(f["seq"].flat)
        finish_item(ctx, row, item, items, code, extra=f.get("_extra"))


def _number(c: GridCell | None) -> float | None:
    return None if c is None else cell_number(c)


def _printed(f: dict[str, GridCell]) -> tuple[str, ...]:
    """The fields of a row's cells, in the row's order (a cell under no column is ``_extra``, no field)."""
    return tuple(k for k in f if k != "_extra")


__all__ = ["Programme", "GOSTERGE_HEADERS", "FAALIYET_HEADERS", "programme_columns", "label_field", "Hedef"]
