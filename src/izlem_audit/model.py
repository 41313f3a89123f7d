"""The report model: what a monitoring report says, with the page and box of every printed value.

Domain nouns keep their Turkish names (ASCII-folded): amac, hedef, performans_hedefi, gosterge, faaliyet.
``to_dict`` gives the public JSON contract ``izlem-audit/report@1``; ``from_dict`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "izlem-audit/report@1"

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left of the page


@dataclass
class Cell:
    """Evidence for one printed value: its text as printed, its page (1-based) and box."""

    text: str
    page: int | None = None
    bbox: BBox | None = None
    ref: str | None = None  # in a draft (.docx/.xlsx), where the cell is: "Tablo 12, satır 4, sütun 6", "Rapor!F12"
    # a cell broken across pages (a table row cut by the page's bottom margin): its further pieces
    parts: list[tuple[int, BBox]] = field(default_factory=list)
    # read by OCR from a scanned page: the lowest Tesseract confidence (0..100) of its characters; None otherwise
    confidence: float | None = None

    def pieces(self) -> list[tuple[int | None, BBox | None]]:
        """Every (page, box) the printed value stands in: one, or two for a cell cut by a page break."""
        return [(self.page, self.bbox)] + list(self.parts)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "page": self.page, "bbox": _bbox(self.bbox)}
        if self.ref:
            d["ref"] = self.ref
        if self.parts:
            d["parts"] = [{"page": pg, "bbox": _bbox(b)} for pg, b in self.parts]
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Cell":
        return cls(d.get("text", ""), d.get("page"), tuple(d["bbox"]) if d.get("bbox") else None, d.get("ref"),
                   [(x["page"], tuple(x["bbox"])) for x in d.get("parts") or []], d.get("confidence"))


def _bbox(b: BBox | None) -> list[float] | None:
    return None if b is None else [round(float(v), 2) for v in b]


@dataclass
class Evidence:
    """Where an item stands: its page, the box of its whole row, and the cells it was read from."""

    page: int | None = None
    bbox: BBox | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    ref: str | None = None  # in a draft: the row, "Tablo 12, satır 4" / "Rapor!12:12"

    def cell(self, name: str) -> Cell | None:
        return self.cells.get(name)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "page": self.page,
            "bbox": _bbox(self.bbox),
            "cells": {k: v.to_dict() for k, v in self.cells.items()},
        }
        if self.ref:
            d["ref"] = self.ref
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Evidence":
        if not d:
            return cls()
        return cls(
            d.get("page"),
            tuple(d["bbox"]) if d.get("bbox") else None,
            {k: Cell.from_dict(v) for k, v in (d.get("cells") or {}).items()},
            d.get("ref"),
        )


@dataclass
class Period:
    month: int | None
    actual: float | None
    reported_rate: float | None
    note: str = ""
    evidence: Evidence = field(default_factory=Evidence)
    # the period's own value where the table prints it beside the running total (``actual``): the key/value
    # layout's "Dönem Gerçekleşmesi" next to "Kümülatif Gerçekleşme"; written only when printed
    period_value: float | None = None

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "month": self.month,
            "actual": self.actual,
            "reported_rate": self.reported_rate,
            "note": self.note,
        }
        if self.period_value is not None:
            d["period_value"] = self.period_value
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Period":
        return cls(d.get("month"), d.get("actual"), d.get("reported_rate"), d.get("note") or "",
                   Evidence.from_dict(d.get("evidence")), d.get("period_value"))


@dataclass
class Gosterge:
    code: str  # normalised: PG<k>, k the number within the hedef
    name: str  # as printed, unit included
    unit: str | None = None  # canonical unit, or the printed one when unknown
    unit_known: bool = True
    weight: float | None = None  # hedefe etkisi, percent
    baseline: float | None = None  # A; None where the layout has no baseline column
    target: float | None = None  # B
    periods: list[Period] = field(default_factory=list)
    printed_code: str | None = None  # as printed: PG1, PG1.1.1
    seq: str | None = None  # Sıra No as printed
    evidence: Evidence = field(default_factory=Evidence)
    # the value reached (C) and its printed rate, where the layout prints them beside one column per period (a
    # yearly report with quarter columns): its month is the report's last; ``periods`` then hold the quarters as
    # printed (running totals, each quarter's own figure or the level at its end, by the gösterge's kind)
    reached: Period | None = None

    def rated_periods(self) -> list[Period]:
        """The periods a printed rate stands for: the value reached when the layout prints one, else each period."""
        return [self.reached] if self.reached is not None else self.periods

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "printed_code": self.printed_code,
            "seq": self.seq,
            "name": self.name,
            "unit": self.unit,
            "unit_known": self.unit_known,
            "weight": self.weight,
            "baseline": self.baseline,
            "target": self.target,
            "periods": [p.to_dict(evidence) for p in self.periods],
        }
        if self.reached is not None:
            d["reached"] = self.reached.to_dict(evidence)
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Gosterge":
        return cls(
            code=d["code"], name=d.get("name", ""), unit=d.get("unit"), unit_known=d.get("unit_known", True),
            weight=d.get("weight"), baseline=d.get("baseline"), target=d.get("target"),
            periods=[Period.from_dict(p) for p in d.get("periods", [])],
            printed_code=d.get("printed_code"), seq=d.get("seq"), evidence=Evidence.from_dict(d.get("evidence")),
            reached=Period.from_dict(d["reached"]) if d.get("reached") else None,
        )


@dataclass
class Faaliyet:
    code: str  # F<k>
    name: str
    budget: float | None = None
    spent: float | None = None
    reported_rate: float | None = None
    note: str = ""
    printed_code: str | None = None
    seq: str | None = None
    evidence: Evidence = field(default_factory=Evidence)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "printed_code": self.printed_code,
            "seq": self.seq,
            "name": self.name,
            "budget": self.budget,
            "spent": self.spent,
            "reported_rate": self.reported_rate,
            "note": self.note,
        }
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Faaliyet":
        return cls(
            code=d["code"], name=d.get("name", ""), budget=d.get("budget"), spent=d.get("spent"),
            reported_rate=d.get("reported_rate"), note=d.get("note") or "", printed_code=d.get("printed_code"),
            seq=d.get("seq"), evidence=Evidence.from_dict(d.get("evidence")),
        )


@dataclass
class Hedef:
    """One hedef block: a hedef, or one performans hedefi of a hedef split into several."""

    amac: str  # A<n>
    hedef: str  # H<m>, its number within the amac
    performans_hedefi: str | None = None  # PH<k> or None
    amac_title: str = ""
    hedef_title: str = ""
    performans_hedefi_title: str = ""
    sorumlu_birim: str = ""
    reported_performance: float | None = None
    printed_codes: dict[str, str] = field(default_factory=dict)  # {"amac": "A1", "hedef": "H1.2", ...}
    note: str = ""  # a hedef-level açıklama (guide layout)
    page: int | None = None
    gostergeler: list[Gosterge] = field(default_factory=list)
    faaliyetler: list[Faaliyet] = field(default_factory=list)
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.amac, self.hedef, self.performans_hedefi)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "amac": self.amac,
            "hedef": self.hedef,
            "performans_hedefi": self.performans_hedefi,
            "amac_title": self.amac_title,
            "hedef_title": self.hedef_title,
            "performans_hedefi_title": self.performans_hedefi_title,
            "sorumlu_birim": self.sorumlu_birim,
            "reported_performance": self.reported_performance,
            "printed_codes": dict(self.printed_codes),
            "note": self.note,
            "page": self.page,
            "gostergeler": [g.to_dict(evidence) for g in self.gostergeler],
            "faaliyetler": [f.to_dict(evidence) for f in self.faaliyetler],
        }
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Hedef":
        return cls(
            amac=d["amac"], hedef=d["hedef"], performans_hedefi=d.get("performans_hedefi"),
            amac_title=d.get("amac_title", ""), hedef_title=d.get("hedef_title", ""),
            performans_hedefi_title=d.get("performans_hedefi_title", ""), sorumlu_birim=d.get("sorumlu_birim", ""),
            reported_performance=d.get("reported_performance"), printed_codes=dict(d.get("printed_codes") or {}),
            note=d.get("note") or "", page=d.get("page"),
            gostergeler=[Gosterge.from_dict(g) for g in d.get("gostergeler", [])],
            faaliyetler=[Faaliyet.from_dict(f) for f in d.get("faaliyetler", [])],
            evidence=Evidence.from_dict(d.get("evidence")),
        )


# ----------------------------------------------------------------------------------------------- summary


@dataclass
class SummaryPH:
    performans_hedefi: str  # PH<k> as numbered in the summary
    title: str = ""
    sorumlu_birim: str = ""
    reported_performance: float | None = None
    weight: float | None = None
    evidence: Evidence = field(default_factory=Evidence)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d = {"performans_hedefi": self.performans_hedefi, "title": self.title, "sorumlu_birim": self.sorumlu_birim,
             "reported_performance": self.reported_performance, "weight": self.weight}
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "SummaryPH":
        return cls(d["performans_hedefi"], d.get("title", ""), d.get("sorumlu_birim", ""),
                   d.get("reported_performance"), d.get("weight"), Evidence.from_dict(d.get("evidence")))


@dataclass
class SummaryHedef:
    hedef: str
    title: str = ""
    sorumlu_birim: str = ""
    reported_performance: float | None = None
    performans_hedefleri: list[SummaryPH] = field(default_factory=list)
    evidence: Evidence = field(default_factory=Evidence)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d = {"hedef": self.hedef, "title": self.title, "sorumlu_birim": self.sorumlu_birim,
             "reported_performance": self.reported_performance,
             "performans_hedefleri": [p.to_dict(evidence) for p in self.performans_hedefleri]}
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "SummaryHedef":
        return cls(d["hedef"], d.get("title", ""), d.get("sorumlu_birim", ""), d.get("reported_performance"),
                   [SummaryPH.from_dict(p) for p in d.get("performans_hedefleri", [])],
                   Evidence.from_dict(d.get("evidence")))


@dataclass
class SummaryCounts:
    hedef: int | None = None
    gosterge: int | None = None
    faaliyet: int | None = None
    reported_rate: float | None = None
    evidence: Evidence = field(default_factory=Evidence)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d = {"hedef": self.hedef, "gosterge": self.gosterge, "faaliyet": self.faaliyet,
             "reported_rate": self.reported_rate}
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "SummaryCounts | None":
        if d is None:
            return None
        return cls(d.get("hedef"), d.get("gosterge"), d.get("faaliyet"), d.get("reported_rate"),
                   Evidence.from_dict(d.get("evidence")))


@dataclass
class SummaryAmac:
    amac: str
    title: str = ""
    reported_rate: float | None = None  # from the row of amaç percentages
    hedefler: list[SummaryHedef] = field(default_factory=list)
    counts: SummaryCounts | None = None
    evidence: Evidence = field(default_factory=Evidence)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d = {"amac": self.amac, "title": self.title, "reported_rate": self.reported_rate,
             "hedefler": [h.to_dict(evidence) for h in self.hedefler],
             "counts": self.counts.to_dict(evidence) if self.counts else None}
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "SummaryAmac":
        return cls(d["amac"], d.get("title", ""), d.get("reported_rate"),
                   [SummaryHedef.from_dict(h) for h in d.get("hedefler", [])],
                   SummaryCounts.from_dict(d.get("counts")), Evidence.from_dict(d.get("evidence")))


@dataclass
class DeclaredTotals:
    """Totals the report states in its running text ("5 amaç, 29 hedef . 203 gösterge ve 294 faaliyet")."""

    amac: int | None = None
    hedef: int | None = None
    gosterge: int | None = None
    faaliyet: int | None = None
    evidence: Evidence = field(default_factory=Evidence)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d = {"amac": self.amac, "hedef": self.hedef, "gosterge": self.gosterge, "faaliyet": self.faaliyet}
        if evidence:
            d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "DeclaredTotals | None":
        if d is None:
            return None
        return cls(d.get("amac"), d.get("hedef"), d.get("gosterge"), d.get("faaliyet"),
                   Evidence.from_dict(d.get("evidence")))


@dataclass
class Summary:
    amaclar: list[SummaryAmac] = field(default_factory=list)
    overall_rate: float | None = None  # "yıllık gerçekleşme oranı yaklaşık %34"
    overall_evidence: Evidence = field(default_factory=Evidence)
    declared_totals: DeclaredTotals | None = None

    def amac(self, code: str) -> SummaryAmac | None:
        return next((a for a in self.amaclar if a.amac == code), None)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "amaclar": [a.to_dict(evidence) for a in self.amaclar],
            "overall_rate": self.overall_rate,
            "declared_totals": self.declared_totals.to_dict(evidence) if self.declared_totals else None,
        }
        if evidence:
            d["overall_evidence"] = self.overall_evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Summary":
        if not d:
            return cls()
        return cls([SummaryAmac.from_dict(a) for a in d.get("amaclar", [])], d.get("overall_rate"),
                   Evidence.from_dict(d.get("overall_evidence")), DeclaredTotals.from_dict(d.get("declared_totals")))


# ----------------------------------------------------------------------------------------------- issues


# what the reader could not read, place or join: reading problems, never errors of the report
READER_KINDS = frozenset({"unreadable_page", "page_timeout", "garbled_text", "unplaced_row", "orphan_row",
                          "cut_cell_unplaced", "unplaced_number", "header_field_repeated", "ocr_uncertain",
                          "scanned_page", "period_label_unknown"})


@dataclass
class StructureIssue:
    """Something the reader met that is not as the layout says: a shifted value, a header lacking a column,
    a table it could not read. Rules turn these into ``structure`` findings. ``origin`` says whose it is:
    ``"report"`` (the report prints it so: a value in the wrong column, a header lacking a column) or
    ``"reader"`` (the tool could not read, place or join something: a reading problem, not an error of the
    report)."""

    kind: str  # stable identifier, e.g. "value_in_wrong_column", "header_missing_column", "unreadable_table"
    page: int | None = None
    bbox: BBox | None = None
    amac: str | None = None
    hedef: str | None = None
    performans_hedefi: str | None = None
    item: str | None = None
    period: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    ref: str | None = None  # in a draft: the cell or row reference instead of page and box
    origin: str = ""  # "reader" or "report"; by kind when not given

    def __post_init__(self) -> None:
        if not self.origin:
            self.origin = "reader" if self.kind in READER_KINDS else "report"

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d = {"kind": self.kind, "amac": self.amac, "hedef": self.hedef, "performans_hedefi": self.performans_hedefi,
             "item": self.item, "period": self.period, "detail": dict(self.detail)}
        if self.origin != "report":
            d["origin"] = self.origin
        if evidence:
            d["page"] = self.page
            d["bbox"] = _bbox(self.bbox)
            if self.ref:
                d["ref"] = self.ref
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "StructureIssue":
        return cls(d["kind"], d.get("page"), tuple(d["bbox"]) if d.get("bbox") else None, d.get("amac"),
                   d.get("hedef"), d.get("performans_hedefi"), d.get("item"), d.get("period"),
                   dict(d.get("detail") or {}), d.get("ref"), d.get("origin", ""))


@dataclass
class TableReading:
    """Which layout reader took a table and why (``assembling/layouts``): the header row's page and box, the
    table kind, the reader, its score (0–1), the header cells that decided (``via == "labels"``: no header sign,
    the hedef block's label rows named the reader) and every registered reader's score."""

    page: int | None
    bbox: tuple[float, float, float, float] | None
    kind: str  # "gosterge" or "faaliyet"
    reader: str
    score: float
    evidence: list[str] = field(default_factory=list)
    via: str = "header"
    scores: dict[str, float] = field(default_factory=dict)
    ref: str | None = None  # in a draft: the table's cell reference instead of page and box

    def to_dict(self) -> dict[str, Any]:
        d = {"page": self.page, "bbox": _bbox(self.bbox), "kind": self.kind, "reader": self.reader,
             "score": self.score, "evidence": list(self.evidence), "via": self.via, "scores": dict(self.scores)}
        if self.ref:
            d["ref"] = self.ref
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TableReading":
        return cls(d.get("page"), tuple(d["bbox"]) if d.get("bbox") else None, d.get("kind", ""),  # type: ignore[arg-type]
                   d.get("reader", ""), d.get("score", 0.0), list(d.get("evidence", [])), d.get("via", "header"),
                   dict(d.get("scores", {})), d.get("ref"))


@dataclass
class Source:
    path: str = ""
    sha256: str = ""
    pages: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "pages": self.pages}


@dataclass
class Report:
    source: Source = field(default_factory=Source)
    layout: str = "unknown"  # "cigli" (Word tables, month sub-rows) or "rehber" (the guide's standard table)
    title: str = ""
    year: int | None = None
    municipality: str = ""  # as printed on the first pages: "T.C. YEŞİLOVA BELEDİYESİ"
    hedefler: list[Hedef] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    issues: list[StructureIssue] = field(default_factory=list)
    engine: str = "pdfplumber"
    text_chars: int = 0  # characters with a text layer found while reading (0 for a scan); not serialised
    # numbers printed in table regions: seen, placed in the model, reported as reading problems; not serialised
    numbers: dict[str, int] = field(default_factory=dict)
    trace: list = field(default_factory=list)  # (page, bbox, what) the assembler read, on traced pages; not serialised
    tables: list[TableReading] = field(default_factory=list)  # which layout reader took each table, and why

    # -- counting
    def amac_codes(self) -> list[str]:
        seen: list[str] = []
        for h in self.hedefler:
            if h.amac not in seen:
                seen.append(h.amac)
        return seen

    def hedef_keys(self) -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []
        for h in self.hedefler:
            if (h.amac, h.hedef) not in seen:
                seen.append((h.amac, h.hedef))
        return seen

    def counts(self) -> dict[str, int]:
        return {
            "amac": len(self.amac_codes()),
            "hedef": len(self.hedef_keys()),
            "performans_hedefi": sum(1 for h in self.hedefler if h.performans_hedefi),
            "gosterge": sum(len(h.gostergeler) for h in self.hedefler),
            "faaliyet": sum(len(h.faaliyetler) for h in self.hedefler),
        }

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": SCHEMA}
        if evidence:
            d["source"] = self.source.to_dict()
            d["engine"] = self.engine
            d["municipality"] = self.municipality  # read from the page, like the evidence: not ground truth
        d.update({
            "layout": self.layout,
            "title": self.title,
            "year": self.year,
            "counts": self.counts(),
            "hedefler": [h.to_dict(evidence) for h in self.hedefler],
            "summary": self.summary.to_dict(evidence),
            "issues": [i.to_dict(evidence) for i in self.issues],
        })
        if evidence:
            d["tables"] = [t.to_dict() for t in self.tables]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Report":
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not an {SCHEMA} document")
        src = d.get("source") or {}
        return cls(
            source=Source(src.get("path", ""), src.get("sha256", ""), src.get("pages", 0)),
            layout=d.get("layout", "unknown"), title=d.get("title", ""), year=d.get("year"),
            municipality=d.get("municipality", ""),
            hedefler=[Hedef.from_dict(h) for h in d.get("hedefler", [])],
            summary=Summary.from_dict(d.get("summary")),
            issues=[StructureIssue.from_dict(i) for i in d.get("issues", [])],
            engine=d.get("engine", "pdfplumber"),
            tables=[TableReading.from_dict(t) for t in d.get("tables", [])],
        )
