"""The report model: what a monitoring report says, with the page and box of every printed value.

Domain nouns keep their Turkish names (ASCII-folded): amac, hedef, performans_hedefi, gosterge, faaliyet.
``to_dict`` gives the public JSON contract ``izlem-audit/report@1``; ``from_dict`` reads it back. Both are one
generic serialiser (``JsonModel``) over each class's dataclass fields and type hints:

- ``REPORT_KEYS`` names a class's keys of report@1, in the order written; each is written always, except a field
  of type ``Evidence`` or marked ``EVIDENCE`` (only with the evidence: ``to_dict(evidence=True)``), one marked
  ``IF_SET`` (only when it holds something) and one whose ``omit`` value it holds; a key that is no field is
  computed (a method or a constant of the class) and only written;
- a field not among them (added since) is written after the keys written without evidence, and only when it
  differs from its default: documents and truths written before it stay as they were;
- a box (``BBox``) is a list rounded to hundredths of a point, a nested model its dict, a list or dict of them
  element by element; reading, a key that is missing (or null where the type is not optional) takes the field's
  default, and a field without default and without an optional type must be there.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

SCHEMA = "izlem-audit/report@1"

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left of the page

EVIDENCE = {"evidence": True}  # written only with the evidence
IF_SET = {"if_set": True}  # written only when it holds something (not None, "", [] or {})
NOT_WRITTEN = {"written": False}  # not part of report@1


class JsonModel:
    """``to_dict`` / ``from_dict`` of a dataclass of the model, from its fields and type hints."""

    REPORT_KEYS: ClassVar[tuple[str, ...]] = ()

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {}
        plan = _PLANS.get(type(self)) or _plan(type(self))
        for name, only_with_evidence, skip, write in plan:
            if only_with_evidence and not evidence:
                continue
            value = getattr(self, name)
            if skip is not None and skip(value):
                continue
            d[name] = value if write is None else write(value, evidence)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Any:
        d = d or {}
        kwargs: dict[str, Any] = {}
        for k in _keys(cls):
            if k.read is None:  # a computed key: only written
                continue
            value = d.get(k.name)
            if value is not None:
                kwargs[k.name] = k.read(value)
            elif not k.has_default:  # null where the type is optional, else the key must be there
                if not k.optional and k.name not in d:
                    raise KeyError(k.name)
                kwargs[k.name] = None
        return cls(**kwargs)


Writer = Callable[[Any, bool], Any]
Reader = Callable[[Any], Any]


@dataclass(frozen=True)
class _Key:
    name: str
    write: Writer
    read: Reader | None  # None for a computed key
    evidence: bool = False  # written only with the evidence
    skip: Callable[[Any], bool] | None = None  # a value not written
    has_default: bool = False
    optional: bool = False


@functools.cache
def _keys(cls: type) -> tuple[_Key, ...]:
    """The keys of ``cls`` in the order written, each with its writer and reader."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}

    def key(name: str, added: bool = False) -> _Key:
        f = fields.get(name)
        if f is None:
            return _Key(name, _computed, None)
        hint, meta = hints[name], f.metadata
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        skips: list[Callable[[Any], bool]] = []
        if meta.get("if_set"):
            skips.append(_empty)
        if "omit" in meta:
            skips.append(functools.partial(_equal, meta["omit"]))
        if added and has_default:
            default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
            skips.append(functools.partial(_equal, default))
        return _Key(name, _writer(hint, meta.get("as_keys")), _reader(hint, meta.get("as_keys")),
                    evidence=bool(meta.get("evidence")) or hint is Evidence,
                    skip=_any_of(skips),
                    has_default=has_default, optional=_optional(hint))

    listed = [key(n) for n in cls.REPORT_KEYS]
    added = [key(n, added=True) for n, f in fields.items()
             if n not in cls.REPORT_KEYS and f.metadata.get("written", True)]
    last_plain = max((i for i, k in enumerate(listed) if not k.evidence), default=-1)
    return tuple(listed[:last_plain + 1] + added + listed[last_plain + 1:])


_PLANS: dict[type, tuple[tuple[str, bool, Callable[[Any], bool] | None, Writer | None], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, bool, Callable[[Any], bool] | None, Writer | None], ...]:
    """``_keys`` as ``to_dict`` runs them (a value written as it is needs no call)."""
    plan = tuple((k.name, k.evidence, k.skip, None if k.write is _as_is else k.write) for k in _keys(cls))
    _PLANS[cls] = plan
    return plan


def _computed(value: Any, evidence: bool) -> Any:
    return value() if callable(value) else value


def _any_of(tests: list[Callable[[Any], bool]]) -> Callable[[Any], bool] | None:
    if len(tests) <= 1:
        return tests[0] if tests else None
    return lambda value: any(t(value) for t in tests)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _equal(expected: Any, value: Any) -> bool:
    return value == expected


def _optional(hint: Any) -> bool:
    union = isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union
    return union and type(None) in typing.get_args(hint)


def _strip_none(hint: Any) -> Any:
    if _optional(hint):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def _as_is(value: Any, evidence: bool = True) -> Any:
    return value


def _writer(hint: Any, as_keys: tuple[str, ...] | None = None) -> Writer:
    """How a value of type ``hint`` is written (None stays None)."""
    hint = _strip_none(hint)
    if hint == BBox:
        return lambda v, e: None if v is None else [round(float(x), 2) for x in v]
    if isinstance(hint, type) and issubclass(hint, JsonModel):
        return lambda v, e: None if v is None else v.to_dict(e)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list and args:
        if as_keys:  # a list of tuples written as objects
            parts = [(k, _writer(t)) for k, t in zip(as_keys, typing.get_args(args[0]))]
            return lambda v, e: None if v is None else [{k: w(x, e) for (k, w), x in zip(parts, t)} for t in v]
        item = _writer(args[0])
        if item is _as_is:
            return lambda v, e: None if v is None else list(v)
        return lambda v, e: None if v is None else [item(x, e) for x in v]
    if origin is dict and len(args) == 2:
        item = _writer(args[1])
        if item is _as_is:
            return lambda v, e: None if v is None else dict(v)
        return lambda v, e: None if v is None else {k: item(x, e) for k, x in v.items()}
    return _as_is


def _reader(hint: Any, as_keys: tuple[str, ...] | None = None) -> Reader:
    """How a (not null) value of type ``hint`` is read."""
    hint = _strip_none(hint)
    if hint == BBox:
        return lambda v: tuple(v) if v else None
    if isinstance(hint, type) and issubclass(hint, JsonModel):
        return hint.from_dict
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list and args:
        if as_keys:
            parts = [(k, _reader(t)) for k, t in zip(as_keys, typing.get_args(args[0]))]
            return lambda v: [tuple(None if x.get(k) is None else r(x[k]) for k, r in parts) for x in v]
        item = _reader(args[0])
        return lambda v: [item(x) for x in v]
    if origin is dict and len(args) == 2:
        item = _reader(args[1])
        return lambda v: {k: item(x) for k, x in v.items()}
    return _as_is


@dataclass
class Cell(JsonModel):
    """Evidence for one printed value: its text as printed, its page (1-based) and box."""

    REPORT_KEYS = ("text", "page", "bbox", "ref", "parts")

    text: str = ""
    page: int | None = None
    bbox: BBox | None = None
    # in a draft (.docx/.xlsx), where the cell is: "Tablo 12, satır 4, sütun 6", "Rapor!F12"
    ref: str | None = field(default=None, metadata=IF_SET)
    # a cell broken across pages (a table row cut by the page's bottom margin): its further pieces
    parts: list[tuple[int, BBox]] = field(default_factory=list, metadata={**IF_SET, "as_keys": ("page", "bbox")})
    # read by OCR from a scanned page: the lowest Tesseract confidence (0..100) of its characters; None otherwise
    confidence: float | None = None

    def pieces(self) -> list[tuple[int | None, BBox | None]]:
        """Every (page, box) the printed value stands in: one, or two for a cell cut by a page break."""
        return [(self.page, self.bbox)] + list(self.parts)


@dataclass
class Evidence(JsonModel):
    """Where an item stands: its page, the box of its whole row, and the cells it was read from."""

    REPORT_KEYS = ("page", "bbox", "cells", "ref")

    page: int | None = None
    bbox: BBox | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    ref: str | None = field(default=None, metadata=IF_SET)  # in a draft: the row, "Tablo 12, satır 4" / "Rapor!12:12"

    def cell(self, name: str) -> Cell | None:
        return self.cells.get(name)


@dataclass
class Period(JsonModel):
    REPORT_KEYS = ("month", "actual", "reported_rate", "note", "evidence")

    month: int | None
    actual: float | None
    reported_rate: float | None
    note: str = ""
    evidence: Evidence = field(default_factory=Evidence)
    # the period's own value where the table prints it beside the running total (``actual``): the key/value
    # layout's "Dönem Gerçekleşmesi" next to "Kümülatif Gerçekleşme"; written only when printed
    period_value: float | None = None
    # the first month of the span a row's period label names when the span starts after January ("Nisan-Haziran"
    # -> 4, "II. Çeyrek" -> 4): the row's value is that period's own, not the running total; set only where no
    # column tells the two apart (a monthly-rows month column); written only when set
    start: int | None = None


@dataclass
class Gosterge(JsonModel):
    REPORT_KEYS = ("code", "printed_code", "seq", "name", "unit", "unit_known", "weight", "baseline", "target",
                   "periods", "evidence")

    code: str  # normalised: PG<k>, k the number within the hedef
    name: str = ""  # as printed, unit included
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


@dataclass
class Faaliyet(JsonModel):
    REPORT_KEYS = ("code", "printed_code", "seq", "name", "budget", "spent", "reported_rate", "note", "evidence")

    code: str  # F<k>
    name: str = ""
    budget: float | None = None
    spent: float | None = None
    reported_rate: float | None = None
    note: str = ""
    printed_code: str | None = None
    seq: str | None = None
    evidence: Evidence = field(default_factory=Evidence)


@dataclass
class Hedef(JsonModel):
    """One hedef block: a hedef, or one performans hedefi of a hedef split into several."""

    REPORT_KEYS = ("amac", "hedef", "performans_hedefi", "amac_title", "hedef_title", "performans_hedefi_title",
                   "sorumlu_birim", "reported_performance", "printed_codes", "note", "page", "gostergeler",
                   "faaliyetler", "evidence")

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


# ----------------------------------------------------------------------------------------------- summary


@dataclass
class SummaryPH(JsonModel):
    REPORT_KEYS = ("performans_hedefi", "title", "sorumlu_birim", "reported_performance", "weight", "evidence")

    performans_hedefi: str  # PH<k> as numbered in the summary
    title: str = ""
    sorumlu_birim: str = ""
    reported_performance: float | None = None
    weight: float | None = None
    evidence: Evidence = field(default_factory=Evidence)


@dataclass
class SummaryHedef(JsonModel):
    REPORT_KEYS = ("hedef", "title", "sorumlu_birim", "reported_performance", "performans_hedefleri", "evidence")

    hedef: str
    title: str = ""
    sorumlu_birim: str = ""
    reported_performance: float | None = None
    performans_hedefleri: list[SummaryPH] = field(default_factory=list)
    evidence: Evidence = field(default_factory=Evidence)


@dataclass
class SummaryCounts(JsonModel):
    REPORT_KEYS = ("hedef", "gosterge", "faaliyet", "reported_rate", "evidence")

    hedef: int | None = None
    gosterge: int | None = None
    faaliyet: int | None = None
    reported_rate: float | None = None
    evidence: Evidence = field(default_factory=Evidence)


@dataclass
class SummaryAmac(JsonModel):
    REPORT_KEYS = ("amac", "title", "reported_rate", "hedefler", "counts", "evidence")

    amac: str
    title: str = ""
    reported_rate: float | None = None  # from the row of amaç percentages
    hedefler: list[SummaryHedef] = field(default_factory=list)
    counts: SummaryCounts | None = None
    evidence: Evidence = field(default_factory=Evidence)


@dataclass
class DeclaredTotals(JsonModel):
    """Totals the report states in its running text ("5 amaç, 29 hedef . 203 gösterge ve 294 faaliyet")."""

    REPORT_KEYS = ("amac", "hedef", "gosterge", "faaliyet", "evidence")

    amac: int | None = None
    hedef: int | None = None
    gosterge: int | None = None
    faaliyet: int | None = None
    evidence: Evidence = field(default_factory=Evidence)


@dataclass
class Summary(JsonModel):
    REPORT_KEYS = ("amaclar", "overall_rate", "declared_totals", "overall_evidence")

    amaclar: list[SummaryAmac] = field(default_factory=list)
    overall_rate: float | None = None  # "yıllık gerçekleşme oranı yaklaşık %34"
    overall_evidence: Evidence = field(default_factory=Evidence)
    declared_totals: DeclaredTotals | None = None

    def amac(self, code: str) -> SummaryAmac | None:
        return next((a for a in self.amaclar if a.amac == code), None)


# ----------------------------------------------------------------------------------------------- issues


# what the reader could not read, place or join: reading problems, never errors of the report
READER_KINDS = frozenset({"unreadable_page", "page_timeout", "garbled_text", "unplaced_row", "orphan_row",
                          "cut_cell_unplaced", "unplaced_number", "header_field_repeated", "ocr_uncertain",
                          "scanned_page", "period_label_unknown", "period_other_year", "hidden_value",
                          "unread_table_region", "continued_table_unmatched", "period_column_unknown",
                          "value_not_found"})


@dataclass
class StructureIssue(JsonModel):
    """Something the reader met that is not as the layout says: a shifted value, a header lacking a column,
    a table it could not read. Rules turn these into ``structure`` findings. ``origin`` says whose it is:
    ``"report"`` (the report prints it so: a value in the wrong column, a header lacking a column) or
    ``"reader"`` (the tool could not read, place or join something: a reading problem, not an error of the
    report)."""

    REPORT_KEYS = ("kind", "amac", "hedef", "performans_hedefi", "item", "period", "detail", "origin", "page", "bbox",
                   "ref")

    kind: str  # stable identifier, e.g. "value_in_wrong_column", "header_missing_column", "unreadable_table"
    page: int | None = field(default=None, metadata=EVIDENCE)
    bbox: BBox | None = field(default=None, metadata=EVIDENCE)
    amac: str | None = None
    hedef: str | None = None
    performans_hedefi: str | None = None
    item: str | None = None
    period: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    ref: str | None = field(default=None, metadata={**EVIDENCE, **IF_SET})  # in a draft: the cell or row, not page
    origin: str = field(default="", metadata={"omit": "report"})  # "reader" or "report"; by kind when not given

    def __post_init__(self) -> None:
        if not self.origin:
            self.origin = "reader" if self.kind in READER_KINDS else "report"


@dataclass
class TableReading(JsonModel):
    """Which layout reader took a table and why (``assembling/layouts``): the header row's page and box, the
    table kind, the reader, its score (0–1), the header cells that decided (``via == "labels"``: no header sign,
    the hedef block's label rows named the reader) and every registered reader's score."""

    REPORT_KEYS = ("page", "bbox", "kind", "reader", "score", "evidence", "via", "scores", "ref")

    page: int | None = None
    bbox: BBox | None = None
    kind: str = ""  # "gosterge" or "faaliyet"
    reader: str = ""
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    via: str = "header"
    scores: dict[str, float] = field(default_factory=dict)
    ref: str | None = field(default=None, metadata=IF_SET)  # in a draft: the table's cell reference, not page and box


@dataclass
class Source(JsonModel):
    REPORT_KEYS = ("path", "sha256", "pages")

    path: str = ""
    sha256: str = ""
    pages: int = 0


@dataclass
class Report(JsonModel):
    REPORT_KEYS = ("schema", "source", "engine", "municipality", "layout", "title", "year", "counts", "hedefler",
                   "summary", "issues", "tables")

    source: Source = field(default_factory=Source, metadata=EVIDENCE)
    layout: str = "unknown"  # "cigli" (Word tables, month sub-rows) or "rehber" (the guide's standard table)
    title: str = ""
    year: int | None = None
    # as printed on the first pages ("T.C. YEŞİLOVA BELEDİYESİ"); read from the page like the evidence: not truth
    municipality: str = field(default="", metadata=EVIDENCE)
    hedefler: list[Hedef] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    issues: list[StructureIssue] = field(default_factory=list)
    engine: str = field(default="pdfplumber", metadata=EVIDENCE)
    # characters with a text layer found while reading (0 for a scan)
    text_chars: int = field(default=0, metadata=NOT_WRITTEN)
    # numbers printed in table regions: seen, placed in the model, reported as reading problems
    numbers: dict[str, int] = field(default_factory=dict, metadata=NOT_WRITTEN)
    # (page, bbox, what) the assembler read, on traced pages
    trace: list = field(default_factory=list, metadata=NOT_WRITTEN)
    schema: ClassVar[str] = SCHEMA  # written first
    # which layout reader took each table, and why
    tables: list[TableReading] = field(default_factory=list, metadata=EVIDENCE)

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

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Report":
        if (d or {}).get("schema") != SCHEMA:
            raise ValueError(f"not an {SCHEMA} document")
        return super().from_dict(d)
