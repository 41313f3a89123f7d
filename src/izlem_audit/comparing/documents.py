"""The documents of a comparison: what each one is, read from the document itself, and whether they belong
together (one municipality, one year).

Kind: a monitoring report (``izleme raporu``), the performance programme (its tables read by
``assembling/layouts/programme.py``: targets, weights, baselines, budgets and no actual), or the annual
activity report (``faaliyet raporu``: its per-müdürlük performance table, layout ``activity_deviation``; it covers
the year, months 12). Months covered: from the title (``6 AYLIK`` → 6, ``YILLIK`` → 12) when it
says so, else from the latest month its göstergeler print; ``months_from`` says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..assembling.codes import period_months_from_title
from ..errors import UserError
from ..model import Report
from ..normalising.text import ascii_fold, fold, squash

from ..assembling.kind import KIND_ACTIVITY, KIND_PROGRAMME, KIND_REPORT, kind_of  # noqa: F401 (re-exported)


@dataclass
class Document:
    index: int  # 1-based, in the order given on the command line
    path: str  # as given on the command line
    report: Report
    kind: str = KIND_REPORT
    year: int | None = None
    months: int | None = None
    months_from: str = ""  # "title" | "periods" | ""
    municipality: str = ""  # "Yeşilova Belediyesi" as printed, or "" when the document does not say
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        """Short name for tables: ``6 ay (1)``."""
        return f"{self.months or '?'} ay ({self.index})"

    def to_dict(self) -> dict:
        return {"path": self.path, "sha256": self.report.source.sha256, "pages": self.report.source.pages,
                "kind": self.kind, "year": self.year, "months": self.months, "months_from": self.months_from,
                "municipality": self.municipality or None, "layout": self.report.layout}


def municipality_of(report: Report) -> str:
    """The municipality the document names ("T.C. YEŞİLOVA BELEDİYESİ" → "Yeşilova Belediyesi"), or ""."""
    text = getattr(report, "municipality", "") or ""
    if not text:
        return ""
    name = squash(re.split(r"\s+(?:BELED[İI]YE|[Bb]elediye)", squash(text))[0])
    name = re.sub(r"^(?:T\.?\s*C\.?\s+)", "", name, flags=re.I)
    words = [w[:1] + w[1:].replace("I", "ı").replace("İ", "i").lower() for w in name.split()]
    return " ".join(words) + " Belediyesi"


def municipality_key(name: str) -> str:
    return fold(name).replace(" belediyesi", "")


def describe(index: int, path: str, report: Report) -> Document:
    kind = kind_of(report)
    if kind == KIND_PROGRAMME:
        return Document(index, path, report, KIND_PROGRAMME, report.year, 0, "kind", municipality_of(report))
    if kind == KIND_ACTIVITY:  # the year's activity report: the year's results
        return Document(index, path, report, KIND_ACTIVITY, report.year, 12, "kind", municipality_of(report))
    months = period_months_from_title(report.title or "")
    months_from = "title" if months else ""
    if months is None:
        seen = [p.month for h in report.hedefler for g in h.gostergeler for p in g.periods if p.month]
        if seen:
            months, months_from = max(seen), "periods"
    return Document(index, path, report, KIND_REPORT, report.year, months, months_from, municipality_of(report))


def check_set(docs: list[Document]) -> None:
    """Two or more documents of one municipality and one year, or one line and exit 2."""
    if len(docs) < 2:
        raise UserError("compare_needs_two")
    munis = {municipality_key(d.municipality) for d in docs if d.municipality}
    if len(munis) > 1:
        a = next(d for d in docs if d.municipality)
        b = next(d for d in docs if d.municipality and municipality_key(d.municipality) != municipality_key(a.municipality))
        raise UserError("compare_other_municipality", a=a.path, ma=a.municipality, b=b.path, mb=b.municipality)
    years = {d.year for d in docs if d.year}
    if len(years) > 1:
        a = next(d for d in docs if d.year)
        b = next(d for d in docs if d.year and d.year != a.year)
        raise UserError("compare_other_year", a=a.path, ya=a.year, b=b.path, yb=b.year)
    seen: dict[str, Document] = {}
    for d in docs:
        sha = d.report.source.sha256
        if sha and sha in seen:
            raise UserError("compare_same_document", a=seen[sha].path, b=d.path)
        if sha:
            seen[sha] = d


def in_order(docs: list[Document]) -> list[Document]:
    """Earliest first: the programme (months 0), then by months covered, then as given. The first is the reference
    for structure."""
    return sorted(docs, key=lambda d: (d.months if d.months is not None else 99, d.index))


__all__ = ["Document", "describe", "check_set", "in_order", "municipality_of", "ascii_fold", "Path"]
