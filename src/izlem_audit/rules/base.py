"""What a rule is, what a finding is, and the context a rule looks at.

A rule is a small function registered with ``@rule(...)``: a stable id (``IZ101``), a kebab-case name, a
category from a fixed vocabulary, a default severity, Turkish and English message templates, a rationale
(quoting the guide where it applies) and an example. It yields findings; it never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from ..model import BBox, Hedef, Report
from ..normalising.numbers import format_number
from ..recomputing.report import Recomputed

CATEGORIES = (
    "indicator_rate", "missing", "target_performance", "clamping", "weights", "cumulative", "outlier",
    "explanation", "activity_rate", "activity_budget", "summary", "counts", "numbering", "structure", "unit",
    "label",
    # across documents (izlem-audit compare, IZ7xx)
    "target_changed", "weight_changed", "baseline_changed", "indicator_missing", "indicator_added",
    "cumulative_across_reports", "restated_value", "title_changed", "budget_changed",
)
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    amac: str | None = None
    hedef: str | None = None
    performans_hedefi: str | None = None
    item: str | None = None
    period: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    reported: float | None = None
    expected: float | None = None
    params: dict[str, Any] = _field(default_factory=dict)
    row_bbox: BBox | None = None  # the whole table row, for the evidence picture
    row_page: int | None = None
    tolerance: float | None = None
    suppressed: bool = False
    suppression_reason: str | None = None
    message: str = ""
    field: str | None = None  # what the finding is about when the place alone does not say (e.g. "gosterge")
    id: str = ""  # stable: rule and printed place (see ``finding_id``); set by the engine
    caused_by: str | None = None  # the id of the finding this one only follows from
    ref: str | None = None  # in a draft (.docx/.xlsx): the table/sheet, row and cell instead of page and box
    # "report": an error/warning about what the report prints; "reader": a reading problem (what the tool could
    # not read, place or join), never counted as an error of the report and shown in its own section
    origin: str = "report"
    not_checked: int | None = None  # the page of the reading problem that kept this rule from checking its place

    @property
    def location(self) -> str:
        parts = [self.amac, self.hedef, self.performans_hedefi, self.item]
        s = " ".join(p for p in parts if p)
        if self.period is not None:
            s += f" ({self.period}. ay)"
        return s

    def default_id(self) -> str:
        return finding_id(self.rule, self.amac, self.hedef, self.performans_hedefi, self.item, self.period,
                          self.field)

    def sort_key(self) -> tuple:
        return (self.page or 10 ** 6, self.bbox[1] if self.bbox else 0, self.bbox[0] if self.bbox else 0, self.rule)

    def to_dict(self) -> dict[str, Any]:
        r = lambda v: None if v is None else round(float(v), 4)  # noqa: E731
        bb = lambda b: None if b is None else [round(float(v), 2) for v in b]  # noqa: E731
        return {
            "id": self.id or self.default_id(), "caused_by": self.caused_by,
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "amac": self.amac, "hedef": self.hedef, "performans_hedefi": self.performans_hedefi,
            "item": self.item, "period": self.period, "page": self.page, "bbox": bb(self.bbox),
            "reported": r(self.reported), "expected": r(self.expected), "message": self.message,
            "tolerance": r(self.tolerance), "difference": r(self.params.get("difference")),
            "tolerance_loose": r(self.params.get("tolerance_loose")), "doubtful": bool(self.params.get("doubtful")),
            "row_page": self.row_page, "row_bbox": bb(self.row_bbox),
            "suppressed": self.suppressed, "suppression_reason": self.suppression_reason,
            "origin": self.origin, **({"not_checked": {"reading_problem_page": self.not_checked}}
                                      if self.not_checked is not None else {}),
            **({"ref": self.ref} if self.ref else {}),
        }


def finding_id(rule: str, amac: str | None = None, hedef: str | None = None, performans_hedefi: str | None = None,
               item: str | None = None, period: int | None = None, field: str | None = None) -> str:
    """A finding's stable id: the rule and the place in normalised codes, e.g. ``IZ101-A1-H2-PG1-6ay``,
    ``IZ201-A3-H1-PH2``, ``IZ405-gosterge``. No page or box: the same report gives the same ids whatever
    produced or read the PDF."""
    parts = [rule, amac, hedef, performans_hedefi, item, f"{period}ay" if period is not None else None, field]
    return "-".join(str(p).replace(" ", "_") for p in parts if p not in (None, ""))


def assign_ids(findings: list[Finding]) -> None:
    """Give every finding its id; two findings at the same place get ``-2``, ``-3`` … in their printed order."""
    seen: dict[str, int] = {}
    for f in sorted(findings, key=Finding.sort_key):
        base = f.id or f.default_id()
        n = seen.get(base, 0) + 1
        seen[base] = n
        f.id = base if n == 1 else f"{base}-{n}"


@dataclass
class Context:
    report: Report
    recomputed: Recomputed
    thresholds: dict[str, float]


CheckFn = Callable[[Context], Iterable[Finding]]


@dataclass
class Rule:
    id: str
    name: str
    category: str
    severity: str
    message_tr: str
    message_en: str
    rationale_tr: str
    rationale_en: str
    example: str
    check: CheckFn

    def message(self, lang: str, params: dict[str, Any]) -> str:
        template = self.message_en if lang == "en" else self.message_tr
        shown = {k: _show(v, lang) for k, v in params.items()}
        try:
            text = template.format(**shown)
        except (KeyError, IndexError, ValueError):
            text = template
        return text + tolerance_note(params, lang)


TOLERANCE_NOTE = {
    "tr": " (fark {difference}; yuvarlama payı {tolerance})",
    "en": " (difference {difference}; rounding allowance {tolerance})",
}
DOUBTFUL_NOTE = {
    "tr": " Fark ({difference}) yuvarlama payını ({tolerance}) aşıyor; ancak tam sayı basılmış girdiler de "
          "yuvarlanmışsa {tolerance_loose} kadar fark doğru bir hesaptan da gelebilir: kesin hata sayılmadı, "
          "girdilerin basılmamış hanelerine bakın.",
    "en": " The difference ({difference}) exceeds the rounding allowance ({tolerance}); but if the integer-printed "
          "inputs were rounded too, a correct computation could differ by up to {tolerance_loose}: not counted as "
          "a certain error, check the inputs' unprinted digits.",
}


def quote(text: str, start: int = 0, end: int | None = None, width: int = 90) -> str:
    """A quote from ``text`` of at most about ``width`` characters around [start, end), cut at word boundaries
    with "…" where it is cut: never "bulunma" for "bulunmamaktadır"."""
    text = text or ""
    end = start if end is None else end
    if len(" ".join(text.split())) <= width:
        return " ".join(text.split())
    span = max(end - start, 0)
    left = max(0, start - max(width - span, 0) // 2)
    if left > 0:
        nxt = text.find(" ", left - 1)
        left = nxt + 1 if 0 <= nxt < start else left
        if left > start:
            left = start
    right = min(len(text), max(left + width, end))
    if right < len(text):
        back = text.rfind(" ", end, right + 1)
        if back > end:
            right = back
        else:
            fwd = text.find(" ", right)
            right = fwd if fwd != -1 else len(text)
    out = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + out + ("…" if right < len(text) else "")


def show_tolerance(v: float, lang: str = "tr") -> str:
    """A tolerance as printed: two decimals, three when it is below 0,01 (0,005 is not 0,01)."""
    return format_number(v, 2 if v >= 0.0095 or v == 0 else 3, lang=lang)


def tolerance_note(params: dict[str, Any], lang: str) -> str:
    """The difference and the rounding allowance every comparing finding states."""
    if params.get("tolerance") is None or params.get("difference") is None:
        return ""
    shown = {"difference": format_number(abs(params["difference"]), 2, lang=lang),
             "tolerance": show_tolerance(params["tolerance"], lang),
             "tolerance_loose": show_tolerance(params.get("tolerance_loose") or params["tolerance"], lang)}
    key = "en" if lang == "en" else "tr"
    note = DOUBTFUL_NOTE[key] if params.get("doubtful") else TOLERANCE_NOTE[key]
    return note.format(**shown)


def _show(value: Any, lang: str) -> Any:
    if isinstance(value, dict) and "tr" in value:
        return value.get(lang, value["tr"])
    if value is None:
        return "—"
    if isinstance(value, float):
        return format_number(value, 2, lang=lang)
    return value


REGISTRY: dict[str, Rule] = {}


def rule(*, id: str, name: str, category: str, severity: str, message_tr: str, message_en: str,
         rationale_tr: str, rationale_en: str, example: str) -> Callable[[CheckFn], CheckFn]:
    """Register a rule function under a stable id."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category}")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity}")

    def deco(fn: CheckFn) -> CheckFn:
        if id in REGISTRY:
            raise ValueError(f"duplicate rule id {id}")
        REGISTRY[id] = Rule(id, name, category, severity, message_tr, message_en, rationale_tr, rationale_en,
                            example, fn)
        return fn

    return deco


def make(rule_id: str, h: Hedef | None = None, *, item: str | None = None, period: int | None = None,
         cell=None, row_page: int | None = None, row_bbox: BBox | None = None, reported: float | None = None,
         expected: float | None = None, tolerance: float | None = None, page: int | None = None,
         bbox: BBox | None = None, amac: str | None = None, hedef: str | None = None, field: str | None = None,
         ref: str | None = None, **params: Any) -> Finding:
    """A finding of rule ``rule_id`` at a hedef block (or an explicit amac/hedef) and a printed cell."""
    r = REGISTRY[rule_id]
    if tolerance is not None and reported is not None and expected is not None:
        params.setdefault("difference", reported - expected)
        params.setdefault("tolerance", tolerance)
    severity = r.severity
    if params.get("doubtful"):
        severity = "warning" if r.severity == "error" else r.severity
    return Finding(
        rule=rule_id, category=r.category, severity=severity,
        amac=h.amac if h else amac, hedef=h.hedef if h else hedef,
        performans_hedefi=h.performans_hedefi if h else None, item=item, period=period,
        page=cell.page if cell is not None else (page if page is not None else (h.page if h else None)),
        bbox=cell.bbox if cell is not None else bbox, reported=reported, expected=expected, tolerance=tolerance,
        row_page=row_page, row_bbox=row_bbox, params={"reported": reported, "expected": expected, **params},
        field=field, ref=(getattr(cell, "ref", None) if cell is not None else None) or ref,
    )
