"""Run the catalog over a report: recompute, check, apply the configuration, render messages, sort."""

from __future__ import annotations

from ..config import Config
from ..model import Report
from ..recomputing.report import Recomputed, recompute
from .base import Context, Finding, assign_ids
from .registry import all_rules


def run_rules(report: Report, config: Config | None = None, lang: str = "tr",
              recomputed: Recomputed | None = None) -> tuple[list[Finding], Recomputed]:
    cfg = config or Config()
    rc = recomputed or recompute(report)
    ctx = Context(report, rc, dict(cfg.thresholds))
    findings: list[Finding] = []
    for r in all_rules():
        if r.id in cfg.disabled:
            continue
        for f in r.check(ctx):
            if f.severity == r.severity:  # a doubtful (rounding-zone) finding stays a warning
                f.severity = cfg.severities.get(r.id, f.severity)
            f.message = r.message(lang, f.params)
            for s in cfg.suppressions:
                if s.matches(f):
                    f.suppressed, f.suppression_reason = True, s.reason
                    break
            findings.append(f)
    assign_ids(findings)
    findings.sort(key=Finding.sort_key)
    return findings, rc
