"""Why no hedef table was read: which pages hold tables, and what a hedef table needs that they lack.

The reader knows a hedef table by two things: label rows that open a hedef block (``Amaç (A1)`` / ``Hedef
(H1)``, or the guide's ``A1`` / ``H1.1``) and a header row naming the columns, among them a target and an
actual value. When a report gives no hedef table, ``LayoutProbe`` (fed every table the reader saw) says which
of these it never met, so the one-line message can name the pages to look at and what was missing there.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from .assembling import codes
from .normalising.headers import GOSTERGE_COLUMNS, match_column
from .normalising.numbers import parse_number
from .reading.page import GridTable

MISSING_TEXT = {
    "header": ("hedef ve gerçekleşme sütunu olan bir başlık satırı yok",
               "no header row with a target and an actual column"),
    "labels": ("tabloların üstünde Amaç/Hedef satırı (Amaç (A1), Hedef (H1) ya da A1, H1.1) yok",
               "no Amaç/Hedef label rows (Amaç (A1), Hedef (H1) or A1, H1.1) above the tables"),
    "figures": ("başlığın altındaki satırlarda rakam yok", "the rows under the header hold no figures"),
    "rules": ("çizgili tablo yok; yalnız yatay çizgili ya da çizgisiz tablolar henüz okunmuyor",
              "no ruled tables; tables with only horizontal rules or none are not read yet"),
}


@dataclass
class LayoutProbe:
    limit: int = 500  # tables looked at; a long report needs no more to tell its layout
    table_pages: list[int] = field(default_factory=list)  # pages with a table of 2+ rows and 2+ columns
    table_refs: list[str] = field(default_factory=list)  # the same in a draft: "Tablo 3", "İzleme"
    header_pages: list[int] = field(default_factory=list)  # pages with a header naming target and actual
    label_pages: list[int] = field(default_factory=list)  # pages with amaç/hedef label rows
    figures: int = 0  # number cells seen
    seen: int = 0
    text_table_pages: dict[int, int] = field(default_factory=dict)  # page -> lines of running text with 3+ figures

    def text(self, text: str, page: int) -> None:
        """A line of running text; several figures on one line are a table drawn without rules."""
        if sum(1 for t in text.split() if parse_number(t) is not None) >= 3:
            self.text_table_pages[page] = self.text_table_pages.get(page, 0) + 1

    def table(self, table: GridTable, ref: str | None = None) -> None:
        if self.seen >= self.limit or table.n_rows < 2 or table.n_cols < 2:
            return
        self.seen += 1
        _add(self.table_pages, table.page)
        if ref:
            _add(self.table_refs, ref)
        for row in table.rows():
            texts = [t for t in (c.flat for c in row) if t]  # each cell's text joined once
            if not texts:
                continue
            key = codes.label_key(texts[0])
            if len(texts) <= 3 and (codes.AMAC_LABEL.match(key) or codes.HEDEF_LABEL.match(key)
                                    or codes.GUIDE_HEDEF.match(key) or codes.GUIDE_AMAC.match(key)):
                _add(self.label_pages, table.page)
                continue
            numbers = sum(1 for t in texts if parse_number(t) is not None)
            self.figures += numbers
            if numbers == 0 and len(texts) >= 3:
                fields = {match_column(t, GOSTERGE_COLUMNS)[0] for t in texts}
                if "target" in fields and ({"actual", "rate"} & fields):
                    _add(self.header_pages, table.page)

    def missing(self) -> list[str]:
        out = []
        if not self.table_pages:
            return ["rules"] if self.text_table_pages else []
        if not self.header_pages:
            out.append("header")
        if not self.label_pages:
            out.append("labels")
        if not out and not self.figures:
            out.append("figures")
        return out

    def looks_like_tables(self) -> list[int]:
        """Pages that hold ruled tables, or else lines of running text with several figures (3+ such lines)."""
        if self.table_pages:
            return list(self.table_pages)
        return sorted(p for p, n in self.text_table_pages.items() if n >= 3)

    def detail(self) -> dict:
        return {"table_pages": self.looks_like_tables(), "table_refs": list(self.table_refs),
                "header_pages": list(self.header_pages), "label_pages": list(self.label_pages),
                "missing": self.missing()}


def _add(xs: list, x) -> None:
    if not xs or xs[-1] != x:
        if x not in xs:
            xs.append(x)


def page_ranges(pages: list[int], most: int = 12) -> str:
    """``[3, 4, 5, 8]`` -> ``3-5, 8``; a long list ends in ``…``."""
    parts: list[str] = []
    nums = sorted(set(pages))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
        i = j + 1
    return ", ".join(parts[:most]) + (", …" if len(parts) > most else "")


def missing_text(keys: list[str], lang: str) -> str:
    k = 1 if lang == "en" else 0
    return "; ".join(MISSING_TEXT[m][k] for m in keys if m in MISSING_TEXT)


def unknown_layout_error(report, path, looked: int, draft: bool = False):
    """The one-line ``UserError`` for a report in which no hedef table was read, from the probe's detail."""
    from .errors import UserError

    issue = next((i for i in report.issues if i.kind == "no_hedef_table"), None)
    d = issue.detail if issue is not None else {}
    missing = d.get("missing") or []
    params = {"path": path, "missing_tr": missing_text(missing, "tr"), "missing_en": missing_text(missing, "en")}
    if draft:
        refs = d.get("table_refs") or []
        if not refs:
            return UserError("no_tables_draft", path=path, tables=0)
        shown = ", ".join(refs[:6]) + (", …" if len(refs) > 6 else "")
        return UserError("unknown_layout_draft", tables=shown, n=len(refs), **params)
    pages = d.get("table_pages") or []
    if not pages:
        return UserError("no_tables", path=path, pages=looked)
    return UserError("unknown_layout", pages=page_ranges(pages), first=pages[0], cmd_path=shlex.quote(str(path)),
                     **params)
