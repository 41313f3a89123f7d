"""Causes before consequences: a finding that only follows from another gets ``caused_by`` (the other's id).

- a hedef performance mismatch (IZ201) that the printed gösterge rates reproduce follows from the wrong rate
  (IZ101) of the same block;
- a summary figure (IZ401 hedef, IZ402 PH, IZ403 amaç, IZ404 overall) that matches the printed detail follows
  from the detail's own finding: the hedef block's (IZ201/IZ202/IZ203) or, when the block's printed figure is
  right but its card was not checkable, nothing (then it stays a finding of its own).

A consequence is listed under its cause and not counted as an error of its own in the headline; the gate (exit
code) counts causes only.
"""

from __future__ import annotations

from .base import Finding

HEDEF_RULES = ("IZ201", "IZ202", "IZ203")
SUMMARY_RULES = ("IZ401", "IZ402", "IZ403", "IZ404")


def _explained(f: Finding) -> bool:
    because = f.params.get("because")
    return bool(because) and isinstance(because, dict)


def link_causes(findings: list[Finding]) -> None:
    """Set ``caused_by`` on consequences (ids must already be assigned)."""
    rates = [f for f in findings if f.rule == "IZ101"]
    hedef_level = [f for f in findings if f.rule in HEDEF_RULES]
    for f in findings:
        if f.rule == "IZ201" and f.params.get("from_printed_rates"):
            month = f.params.get("month")
            cause = next((r for r in rates if (r.amac, r.hedef, r.performans_hedefi) ==
                          (f.amac, f.hedef, f.performans_hedefi) and (month is None or r.period == month)), None)
            if cause is not None:
                f.caused_by = cause.id
        elif f.rule in SUMMARY_RULES and _explained(f):
            if f.rule == "IZ402":
                scope = [h for h in hedef_level if (h.amac, h.hedef, h.performans_hedefi) ==
                         (f.amac, f.hedef, f.performans_hedefi)]
            elif f.rule == "IZ401":
                scope = [h for h in hedef_level if (h.amac, h.hedef) == (f.amac, f.hedef)]
            elif f.rule == "IZ403":
                scope = [h for h in hedef_level if h.amac == f.amac]
            else:
                scope = hedef_level
            if scope:
                f.caused_by = scope[0].id


def root(f: Finding, by_id: dict[str, Finding]) -> Finding:
    """The finding at the start of ``f``'s chain of causes."""
    seen = {f.id}
    while f.caused_by and f.caused_by in by_id and f.caused_by not in seen:
        f = by_id[f.caused_by]
        seen.add(f.id)
    return f
