"""Values the reader did not get, though the report may print them: reading problems, never "not printed".

- Figures a spreadsheet hid when it printed: a cell too narrow for its number prints ``###`` (Calc, Excel).
  The PDF then holds no value where the report has one (``hidden_value``).
- A value a rate check needs (the gösterge's target, the period's actual and printed rate) for which the
  reader found **no cell** in the row, or a cell whose text mixes figures and words (``1,11 belediye binası…``:
  columns run together, an açıklama read into a number's place) (``value_not_found``). IZ103 says "the value
  the rate needs is not printed" only where the reader saw that cell printed empty (or with a dash); where it
  saw no cell, or could not tell the number from the words around it, it cannot say what is printed.

Each is a **reading problem** (origin reader, with the page and box of the cell or row), never an error of the
report. The issue names its gösterge and period, so the checks that take the value become "not checked
(reading problem)" in the rules engine.
"""

from __future__ import annotations

import re

from ..model import Report, StructureIssue
from ..normalising.numbers import MISSING_MARKS, parse_number
from .confidence import NUMERIC_FIELDS, _cells

_HIDDEN = re.compile(r"^#+$")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]{3,}")  # three letters or more in a row: a word, not a unit sign or a stray mark


def is_hidden(text: str) -> bool:
    """Whether a cell's text is a spreadsheet's mark for a number wider than its column (``###``)."""
    return bool(_HIDDEN.match("".join(text.split())))


def report_hidden_values(report: Report) -> int:
    """Add a ``hidden_value`` reading problem for every numeric cell of the model printed as ``###``; returns
    how many."""
    n = 0
    seen: set[tuple] = set()
    for _ev, name, cell, where in _cells(report):
        if name not in NUMERIC_FIELDS or not is_hidden(cell.text):
            continue
        key = (cell.page, tuple(cell.bbox or ()), name)
        if key in seen:
            continue
        seen.add(key)
        amac, hedef, ph, item, period = where
        report.issues.append(StructureIssue("hidden_value", cell.page, cell.bbox, amac, hedef, ph, item, period,
                                            detail={"text": cell.text.strip(), "field": name}))
        n += 1
    return n


def report_values_not_found(report: Report) -> int:
    """Add a ``value_not_found`` reading problem for every value a rate check needs that the reader found no
    cell for, or found among words (see the module doc); returns how many.

    A missing cell counts only where the table has the column: another gösterge of the hedef has that cell (for
    a period's value, in a period of the same month). A table that prints no such column at all (a rate printed
    once for the last period, a layout without rates) is what the report prints, not something the reader lost."""
    n = 0
    for h in report.hedefler:
        amac, hedef, ph = h.key
        # the columns the table has: (field, month) of every period cell, and the target
        printed = {(name, p.month) for g in h.gostergeler for p in g.rated_periods() for name in p.evidence.cells}
        if any("target" in g.evidence.cells for g in h.gostergeler):
            printed.add(("target", None))
        for g in h.gostergeler:
            for p in g.rated_periods():
                for name, value, ev in (("target", g.target, g.evidence), ("actual", p.actual, p.evidence),
                                        ("reported_rate", p.reported_rate, p.evidence)):
                    if value is not None:
                        continue
                    cell = ev.cells.get(name)
                    if cell is None:
                        if (name, None if name == "target" else p.month) not in printed:
                            continue  # no gösterge of the table has this cell: the table prints no such column
                        text = ""
                    else:
                        text = " ".join(cell.text.split())
                        if text in MISSING_MARKS or is_hidden(text) or not _DIGIT.search(text) \
                                or not _WORD.search(text) or parse_number(text) is not None:
                            continue  # printed empty, a dash, ###, or words alone: what the report printed
                    page = cell.page if cell is not None else p.evidence.page
                    bbox = cell.bbox if cell is not None else p.evidence.bbox
                    report.issues.append(StructureIssue(
                        "value_not_found", page, bbox, amac, hedef, ph, g.code, p.month,
                        detail={"field": name, "text": text if len(text) <= 60 else text[:59] + "…"}))
                    n += 1
    return n
