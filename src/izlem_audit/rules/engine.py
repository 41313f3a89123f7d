"""Run the catalog over a report: recompute, check, give ids, link consequences to their causes, apply the
configuration (severities, suppressions), render messages, sort."""

from __future__ import annotations

from .settings import Config
from ..model import Report
from ..recomputing.report import Recomputed, recompute
from .base import SEVERITY_RANK, Context, Finding, assign_ids
from .causes import link_causes, root
from .registry import all_rules


def run_rules(report: Report, config: Config | None = None, lang: str = "tr",
              recomputed: Recomputed | None = None) -> tuple[list[Finding], Recomputed]:
    cfg = config or Config()
    rc = recomputed or recompute(report)
    ctx = Context(report, rc, dict(cfg.thresholds))
    findings: list[Finding] = []
    rule_of = {}
    for r in all_rules():
        if r.id in cfg.disabled:
            continue
        for f in r.check(ctx):
            if f.severity == r.severity:  # a doubtful (rounding-zone) finding stays a warning
                f.severity = cfg.severities.get(r.id, f.severity)
            rule_of[id(f)] = r
            findings.append(f)
    assign_ids(findings)
    _not_checked(findings)
    link_causes(findings)
    for f in findings:
        f.message = rule_of[id(f)].message(lang, f.params)
        if f.not_checked is not None:
            f.message = NOT_CHECKED["en" if lang == "en" else "tr"].format(
                where=f.location or WHOLE_REPORT["en" if lang == "en" else "tr"], rule=f.rule, page=f.not_checked)
    cfg.suppress(findings)
    findings.sort(key=Finding.sort_key)
    rc.config = cfg.record()
    rc.unused_suppressions = cfg.unused_suppressions()
    return findings, rc


WHOLE_REPORT = {"tr": "Raporun geneli", "en": "The report as a whole"}  # a figure of no amaç/hedef: the overall rate

NOT_CHECKED = {
    "tr": "{where}: {rule} denetlenemedi (okuma sorunu, s. {page}); basılı değerlerin okunuşundan emin olunamadı.",
    "en": "{where}: {rule} not checked (reading problem, p. {page}); the printed values could not be read with "
          "certainty.",
}


def _not_checked(findings: list[Finding]) -> None:
    """A rule whose inputs come from a row with a reading problem does not raise a numeric error or warning on
    it: it says the place was not checked, and where the reading problem is."""
    problems = [f for f in findings if f.origin == "reader"]
    if not problems:
        return

    def covers(p: Finding, f: Finding) -> bool:
        if p.params.get("kind") == "unread_table_region":
            # a table of a scanned page left unread: a hedef's rows may be in it, so no total over hedefler (the
            # report's, an amaç's) and no check of a whole hedef that may have rows there (one read on that page, or
            # the one read last before it) is sure; a row that was read is still checked on its own
            return f.item is None and (f.hedef is None or f"{f.amac} {f.hedef}" in p.params.get("hedefler", ()))
        if (not p.amac and not f.amac and p.page is not None and p.page == f.page
                and p.params.get("kind") == "ocr_uncertain"):
            return True  # a figure of the report as a whole (the overall rate) read uncertainly on a scan
        if not p.amac or (p.amac, p.hedef) != (f.amac, f.hedef):
            return False
        if p.performans_hedefi and f.performans_hedefi and p.performans_hedefi != f.performans_hedefi:
            return False
        # a problem on one item's rows keeps that item's checks from raising, and the hedef's (which take every
        # item); a problem in the hedef's own rows (labels, performance) the hedef's checks only
        if f.item is None:
            return True
        return p.item == f.item

    for f in findings:
        if f.origin == "reader" or f.severity == "info":
            continue
        p = next((p for p in problems if covers(p, f)), None)
        if p is not None:
            f.severity = "info"
            f.not_checked = p.page
            f.params["not_checked"] = p.page


def failing(findings: list[Finding], level: str) -> list[Finding]:
    """The findings that fail the gate at ``level``: not suppressed, at or above the level, not a reading
    problem (what the tool could not read is not an error of the report), and not the consequence of a
    suppressed (explained) cause."""
    by_id = {f.id: f for f in findings}
    return [f for f in findings if not f.suppressed and f.origin != "reader"
            and SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] and not root(f, by_id).suppressed]


def headline(findings: list[Finding]) -> dict:
    """What the headline counts: causes by severity (a consequence is not an error of its own), consequences,
    the suppressed findings by severity (a suppressed error is still an error the report prints), and apart
    from them the reading problems and the places not checked because of them."""
    active = [f for f in findings if not f.suppressed and f.origin != "reader"]
    causes = [f for f in active if f.caused_by is None]
    sup = [f for f in findings if f.suppressed]
    return {
        "reading_problems": sum(1 for f in findings if f.origin == "reader" and not f.suppressed),
        "not_checked": sum(1 for f in active if f.not_checked is not None),
        "causes": {s: sum(1 for f in causes if f.severity == s) for s in ("error", "warning", "info")},
        "consequences": sum(1 for f in active if f.caused_by is not None),
        "suppressed": {s: sum(1 for f in sup if f.severity == s) for s in ("error", "warning", "info")},
    }


def verdict(findings: list[Finding]) -> str:
    """One word for a report's state, for every output's headline: "errors" (active errors), "suppressed_errors"
    (no active error, but errors the configuration suppressed: never shown as clean), "warnings", "clean"."""
    head = headline(findings)
    if head["causes"]["error"] or any(f.severity == "error" and not f.suppressed for f in findings):
        return "errors"
    if head["suppressed"]["error"]:
        return "suppressed_errors"
    if head["causes"]["warning"]:
        return "warnings"
    return "clean"
