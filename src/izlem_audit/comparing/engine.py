"""Run the IZ7xx rules over a set of documents, with the configuration and suppressions of ``check``."""

from __future__ import annotations

from ..config import Config
from ..rules.base import REGISTRY, Finding
from . import rules as _rules  # noqa: F401  (registration)
from .alignment import Alignment, align
from .documents import Document, in_order
from .rules import COMPARE_RULES, CompareContext


class Outcome:
    def __init__(self, documents: list[Document], alignment: Alignment, findings: list[Finding], config: Config):
        self.documents = documents
        self.alignment = alignment
        self.findings = findings
        self.config = config
        self.unused_suppressions = config.unused_suppressions()


def run_compare(docs: list[Document], config: Config | None = None, lang: str = "tr") -> Outcome:
    cfg = config or Config()
    ordered = in_order(docs)
    al = align(ordered)
    ctx = CompareContext(ordered, al, dict(cfg.thresholds))
    findings: list[Finding] = []
    for rid in COMPARE_RULES:
        if rid in cfg.disabled:
            continue
        r = REGISTRY[rid]
        for f in r.check(ctx):
            f.severity = cfg.severities.get(rid, f.severity)
            findings.append(f)
    _unique_ids(findings)
    for s in cfg.suppressions:
        s.used = 0
    for f in findings:
        f.message = REGISTRY[f.rule].message(lang, {k: v for k, v in f.params.items()
                                                   if k not in ("evidence", "documents")})
        for s in cfg.suppressions:
            if s.matches(f):
                s.used += 1
                if not f.suppressed:
                    f.suppressed, f.suppression_reason = True, s.reason
    order = {d.index: n for n, d in enumerate(ordered)}
    findings.sort(key=lambda f: (_num(f.amac), _num(f.hedef), _num(f.performans_hedefi), f.item or "",
                                 f.rule, f.period or 0))
    del order
    return Outcome(ordered, al, findings, cfg)


def _num(code: str | None) -> tuple:
    digits = "".join(ch for ch in (code or "") if ch.isdigit())
    return (code[:1] if code else "", int(digits) if digits else 0)


def _unique_ids(findings: list[Finding]) -> None:
    seen: dict[str, int] = {}
    for f in findings:
        n = seen.get(f.id, 0) + 1
        seen[f.id] = n
        if n > 1:
            f.id = f"{f.id}-{n}"
