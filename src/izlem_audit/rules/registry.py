"""The rules of ``check``, registered by importing their modules (``catalog.py`` adds compare's IZ7xx rules
for what lists every rule). Ids are stable and grouped by what they check:

- IZ1xx gösterge rates (indicator_rate, missing, outlier)
- IZ2xx hedef performance (target_performance, clamping, weights)
- IZ3xx faaliyetler (activity_rate, activity_budget)
- IZ4xx summary tables and declared counts (summary, counts)
- IZ5xx values over periods and their açıklama (cumulative, explanation, unit; IZ508/IZ509 from audit
  practice; IZ510 the value reached against its period columns; IZ511 a cumulative column beside the
  period's own value)
- IZ6xx the document (numbering, structure, label)
- IZ7xx across documents, for ``compare`` (target/weight/baseline changed, items missing or added, running
  totals falling, restated values, titles, budgets): ``comparing/rules.py``; they yield nothing in ``check``
"""

from __future__ import annotations

from . import activity, document, hedef, indicator, practice, series, summary  # noqa: F401  (registration)
from .base import REGISTRY, Rule


def all_rules() -> list[Rule]:
    """Every rule registered, in id order (through ``catalog``, compare's IZ7xx too)."""
    return [REGISTRY[k] for k in sorted(REGISTRY)]
