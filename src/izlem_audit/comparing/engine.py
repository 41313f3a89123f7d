"""Run the IZ7xx rules over a set of documents, with the configuration and suppressions of ``check``."""

from __future__ import annotations

from ..rules.settings import Config
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
    _not_checked(findings, ordered)
    for f in findings:
        f.message = REGISTRY[f.rule].message(lang, {k: v for k, v in f.params.items()
                                                   if k not in ("evidence", "documents")})
        if f.not_checked is not None:
            f.message += NOT_CHECKED["en" if lang == "en" else "tr"].format(
                path=f.params["not_checked_path"], page=f.not_checked)
    cfg.suppress(findings)
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


NOT_CHECKED = {
    "tr": " Denetlenemedi: {path} belgesinde bu yerde okuma sorunu var (s. {page}); basılı değerin okunuşundan emin "
          "olunamadı, hata sayılmadı.",
    "en": " Not checked: {path} has a reading problem at this place (p. {page}); the printed value could not be read "
          "with certainty, so it is not counted as an error.",
}


def _not_checked(findings: list[Finding], docs: list[Document]) -> None:
    """What the reader could not read or place in either document is a reading problem, never an inconsistency:
    a finding whose place has one in one of its two documents is turned into an info that says so."""
    problems: dict[str, list] = {}
    for d in docs:
        problems[d.path] = [i for i in d.report.issues if i.origin == "reader" and i.amac]
    for f in findings:
        if f.severity == "info":
            continue
        for path in f.params.get("documents") or []:
            hit = next((i for i in problems.get(path, []) if (i.amac, i.hedef) == (f.amac, f.hedef or i.hedef)
                        and (i.item is None or f.item is None or i.item == f.item)), None)
            if hit is not None:
                f.severity, f.not_checked = "info", hit.page or 0
                f.params["not_checked"] = hit.page
                f.params["not_checked_path"] = path
                break
