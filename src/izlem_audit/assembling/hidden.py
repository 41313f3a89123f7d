"""Figures a spreadsheet hid when it printed: a cell too narrow for its number prints ``###`` (Calc, Excel).

The PDF then holds no value where the report has one: the tool cannot read it, so it is a **reading problem**
(``hidden_value``, origin reader, with the cell's page and box), never an error of the report such as "the value
the rate requires is not printed" (IZ103). The issue names its gösterge or faaliyet and period, so the checks
that take the value become "not checked (reading problem)" in the rules engine.
"""

from __future__ import annotations

import re

from ..model import Report, StructureIssue
from .confidence import NUMERIC_FIELDS, _cells

_HIDDEN = re.compile(r"^#+$")


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
