"""The ``izlem-audit/check@1`` JSON contract: source, counts, findings, and the report that was checked."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from ..model import Report
from ..recomputing.report import Recomputed
from ..rules.base import Finding

SCHEMA = "izlem-audit/check@1"


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def strict_dumps(obj: Any, **kwargs: Any) -> str:
    """``json.dumps`` that never writes NaN or Infinity (which are not JSON): numbers too large for a report
    are already reading problems (normalising.numbers); any non-finite value left is written as null."""
    kwargs.setdefault("ensure_ascii", False)
    try:
        return json.dumps(obj, allow_nan=False, **kwargs)
    except ValueError:
        return json.dumps(_finite(obj), allow_nan=False, **kwargs)


def summary_counts(findings: list[Finding]) -> dict[str, Any]:
    """Counts of the findings. ``by_severity`` counts causes only (a consequence, ``caused_by`` set, is not an
    error of its own); ``consequences`` counts those; ``suppressed_by_severity`` what the config suppressed."""
    from ..rules.engine import headline, verdict

    active = [f for f in findings if not f.suppressed and f.origin != "reader"]
    head = headline(findings)
    return {
        "verdict": verdict(findings),
        "total": len(active),
        "reading_problems": head["reading_problems"],
        "not_checked": head["not_checked"],
        "suppressed": len(findings) - len(active),
        "by_severity": {k: v for k, v in head["causes"].items() if v},
        "consequences": head["consequences"],
        "suppressed_by_severity": {k: v for k, v in head["suppressed"].items() if v},
        "by_category": dict(Counter(f.category for f in active)),
    }


def recomputed_dict(report: Report, rc: Recomputed) -> dict[str, Any]:
    r2 = lambda v: None if v is None else round(v, 2)  # noqa: E731
    return {
        "overall": {"printed": report.summary.overall_rate, "recomputed": r2(rc.overall),
                    "from_printed_hedefler": r2(rc.overall_printed)},
        "amaclar": {a: {"recomputed": r2(v), "from_printed_hedefler": r2(rc.amac_printed.get(a))}
                    for a, v in rc.amac_values.items()},
        "hedefler": [{"amac": c.hedef.amac, "hedef": c.hedef.hedef, "performans_hedefi": c.hedef.performans_hedefi,
                      "month": c.month, "printed": c.hedef.reported_performance, "recomputed": r2(c.expected),
                      "tolerance": r2(c.tolerance) if c.expected is not None else None,
                      "tolerance_loose": r2(c.tolerance_loose) if c.expected is not None else None}
                     for c in rc.hedefler],
    }


def check_to_dict(report: Report, findings: list[Finding], rc: Recomputed) -> dict[str, Any]:
    counts = report.counts()
    return {
        "schema": SCHEMA,
        "source": report.source.to_dict(),
        "layout": report.layout,
        "counts": {k: counts[k] for k in ("amac", "hedef", "performans_hedefi", "gosterge", "faaliyet")},
        "config": rc.config,
        "summary": summary_counts(findings),
        "findings": [f.to_dict() for f in findings if f.origin != "reader"],
        # what the tool could not read, place or join ("Okunamayan / emin olunamayan yerler"): not errors of
        # the report, never counted among them
        "reading_problems": [f.to_dict() for f in findings if f.origin == "reader"],
        "unused_suppressions": list(rc.unused_suppressions),
        "recomputed": recomputed_dict(report, rc),
        "report": report.to_dict(),
    }


def to_json(report: Report, findings: list[Finding], rc: Recomputed) -> str:
    return strict_dumps(check_to_dict(report, findings, rc), indent=1)


def write_json(report: Report, findings: list[Finding], rc: Recomputed, fh) -> None:
    """Write the check@1 JSON to an open text file piece by piece: the report's hedef blocks are serialised one
    at a time, so memory does not grow with a second copy of a long report."""
    head = check_to_dict(Report(source=report.source, layout=report.layout, title=report.title, year=report.year,
                                summary=report.summary, issues=report.issues, engine=report.engine), findings, rc)
    head["counts"] = {k: v for k, v in report.counts().items()
                      if k in ("amac", "hedef", "performans_hedefi", "gosterge", "faaliyet")}
    head["report"]["counts"] = report.counts()
    report_part = head.pop("report")
    hedefler_marker = report_part.pop("hedefler")
    assert hedefler_marker == []
    text = strict_dumps(head, indent=1)
    fh.write(text[:-2])  # without the closing "\n}"
    fh.write(',\n "report": ')
    inner = strict_dumps(report_part, indent=1)
    fh.write(inner[:-2])
    fh.write(',\n "hedefler": [')
    for i, h in enumerate(report.hedefler):
        if i:
            fh.write(",")
        fh.write(strict_dumps(h.to_dict()))
    fh.write("]\n}\n}\n")
