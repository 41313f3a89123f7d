"""Which item of one document is which item of another.

Hedef blocks (amaç, hedef, performans hedefi) and, inside matched blocks, göstergeler and faaliyetler are
matched by code first and by fuzzy title (rapidfuzz) second, so that a renumbered or reworded item is found
and reported rather than lost:

1. ``code``: same normalised code and a title that is recognisably the same (token-set similarity ≥ 60);
2. ``title``: among what is left, the most similar title at or above 85 (a renumbered item);
3. ``code`` again for what is left with the same code (a reworded item: the title rule says so);
4. anything still alone is missing from (or added to) the later document.

Every document is aligned to the rows built so far: the reference's (the earliest document's) first, then
rows an earlier document added. The alignment is part of every output (which item matched which, and how).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..model import Faaliyet, Gosterge, Hedef
from ..normalising.text import fold
from .documents import Document

SAME_CODE_MIN = 60.0
TITLE_MIN = 85.0


@dataclass
class Placed:
    """An item in one document: the hedef block it stands in and the item (None for a hedef row)."""

    doc: Document
    hedef: Hedef
    item: Gosterge | Faaliyet | None
    how: str  # "reference" | "code" | "title"
    score: float = 100.0

    @property
    def code(self) -> str:
        if self.item is None:
            return "/".join(c for c in (self.hedef.amac, self.hedef.hedef, self.hedef.performans_hedefi) if c)
        return self.item.code

    @property
    def printed_code(self) -> str:
        if self.item is None:
            pc = self.hedef.printed_codes
            return pc.get("performans_hedefi") or pc.get("hedef") or self.code
        return self.item.printed_code or self.item.code

    @property
    def display_code(self) -> str:
        """The code as a reader finds it: the printed one when it is dotted (PG1.2.3, H1.2), else prefixed with
        its place (A2 H1 PG1), since PG1 alone is in every hedef."""
        code = self.printed_code
        if "." in code:
            return code
        place = " ".join(c for c in (self.hedef.amac, self.hedef.hedef, self.hedef.performans_hedefi) if c)
        return place if self.item is None else f"{place} {code}"

    @property
    def title(self) -> str:
        if self.item is None:
            return self.hedef.performans_hedefi_title or self.hedef.hedef_title
        return self.item.name


@dataclass
class Row:
    """One aligned item across the documents. ``key`` is its place in the first document that has it."""

    kind: str  # "hedef" | "gosterge" | "faaliyet"
    amac: str
    hedef: str
    performans_hedefi: str | None
    code: str | None  # PG<k> / F<k>; None for a hedef row
    placed: dict[int, Placed] = field(default_factory=dict)  # document index -> where it stands
    parent: "Row | None" = None

    def first(self) -> Placed:
        """Its placement in the earliest document holding it (documents are aligned earliest first)."""
        return next(iter(self.placed.values()))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "amac": self.amac, "hedef": self.hedef, "performans_hedefi": self.performans_hedefi,
                "item": self.code,
                "matches": [{"document": p.doc.path, "code": p.printed_code, "title": p.title, "how": p.how,
                             "score": round(p.score, 1)} for p in self.placed.values()]}


@dataclass
class Alignment:
    documents: list[Document]  # earliest first
    hedefler: list[Row] = field(default_factory=list)
    items: list[Row] = field(default_factory=list)  # göstergeler and faaliyetler, under their hedef rows

    def children(self, hrow: Row, kind: str) -> list[Row]:
        return [r for r in self.items if r.parent is hrow and r.kind == kind]

    def to_dict(self) -> list[dict[str, Any]]:
        out = []
        for h in self.hedefler:
            out.append(h.to_dict())
            out.extend(r.to_dict() for r in self.items if r.parent is h)
        return out


def similarity(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(fold(a), fold(b)))


def _match(rows: list[Row], candidates: list[Any], code_of, title_of, row_code, row_title
           ) -> tuple[dict[int, tuple[Row, str, float]], list[Any]]:
    """Match candidates (items of one document) to rows: candidate index -> (row, how, score); and the rest."""
    taken: set[int] = set()
    out: dict[int, tuple[Row, str, float]] = {}
    # 1. same code, recognisably the same title
    for i, c in enumerate(candidates):
        for r in rows:
            if id(r) in taken or row_code(r) != code_of(c):
                continue
            s = similarity(row_title(r), title_of(c))
            if s >= SAME_CODE_MIN:
                out[i] = (r, "code", s)
                taken.add(id(r))
                break
    # 2. by title among what is left (renumbered)
    pairs = []
    for i, c in enumerate(candidates):
        if i in out:
            continue
        for r in rows:
            if id(r) in taken:
                continue
            s = similarity(row_title(r), title_of(c))
            if s >= TITLE_MIN:
                pairs.append((s, i, r))
    for s, i, r in sorted(pairs, key=lambda p: -p[0]):
        if i in out or id(r) in taken:
            continue
        out[i] = (r, "title", s)
        taken.add(id(r))
    # 3. same code, title reworded beyond recognition
    for i, c in enumerate(candidates):
        if i in out:
            continue
        for r in rows:
            if id(r) not in taken and row_code(r) == code_of(c):
                out[i] = (r, "code", similarity(row_title(r), title_of(c)))
                taken.add(id(r))
                break
    return out, [c for i, c in enumerate(candidates) if i not in out]


def _hkey(h: Hedef) -> tuple:
    return (h.amac, h.hedef, h.performans_hedefi)


def _htitle(h: Hedef) -> str:
    return h.performans_hedefi_title or h.hedef_title


def align(docs: list[Document]) -> Alignment:
    al = Alignment(docs)
    for n, doc in enumerate(docs):
        blocks = list(doc.report.hedefler)
        if n == 0:
            for h in blocks:
                row = Row("hedef", h.amac, h.hedef, h.performans_hedefi, None, {doc.index: Placed(doc, h, None, "reference")})
                al.hedefler.append(row)
                for kind, items in (("gosterge", h.gostergeler), ("faaliyet", h.faaliyetler)):
                    for it in items:
                        al.items.append(Row(kind, h.amac, h.hedef, h.performans_hedefi, it.code,
                                            {doc.index: Placed(doc, h, it, "reference")}, row))
            continue
        matched, rest = _match(al.hedefler, blocks, _hkey, _htitle,
                               lambda r: (r.amac, r.hedef, r.performans_hedefi), lambda r: r.first().title)
        pairs = [(r, h, how, s) for i, (r, how, s) in ((i, v) for i, v in matched.items()) for h in [blocks[i]]]
        for h in rest:
            row = Row("hedef", h.amac, h.hedef, h.performans_hedefi, None)
            al.hedefler.append(row)
            pairs.append((row, h, "new", 100.0))
        for row, h, how, s in pairs:
            row.placed[doc.index] = Placed(doc, h, None, "reference" if how == "new" else how, s)
            for kind, items in (("gosterge", h.gostergeler), ("faaliyet", h.faaliyetler)):
                rows = al.children(row, kind)
                got, left = _match(rows, list(items), lambda it: it.code, lambda it: it.name,
                                   lambda r: r.code, lambda r: r.first().title)
                for i, (r, ihow, isc) in got.items():
                    r.placed[doc.index] = Placed(doc, h, items[i], ihow, isc)
                for it in left:
                    al.items.append(Row(kind, row.amac, row.hedef, row.performans_hedefi, it.code,
                                        {doc.index: Placed(doc, h, it, "reference")}, row))
    return al
