"""Markdown for minutes and e-mails: the verdict, totals, and a table of findings. PDF text is escaped so it
cannot break the table or inject markup."""

from __future__ import annotations

from collections import Counter

from ..messages import extent
from ..model import Report
from ..normalising.numbers import format_number
from ..recomputing.report import Recomputed
from ..rules.base import Finding
from .html import _cat, _t
from .md_escape import md_escape

def md_text(text: str) -> str:
    return md_escape(text)  # backslashes, brackets, raw HTML, bare links: output/md_escape.py


def render_markdown(report: Report, findings: list[Finding], rc: Recomputed, lang: str = "tr") -> str:
    active = [f for f in findings if not f.suppressed]
    sev = Counter(f.severity for f in active)
    c = report.counts()
    key = "verdict_errors" if sev["error"] else "verdict_clean"
    n = lambda v: "—" if v is None else format_number(v, 2, lang=lang)  # noqa: E731
    lines = [f"# {_t('title', lang)}: {md_text(report.title or report.source.path)}", "",
             f"**{md_text(_t(key, lang, errors=sev['error'], warnings=sev['warning'], infos=sev['info']))}**", "",
             f"- {c['amac']} {_t('amac', lang)}, {c['hedef']} {_t('hedef', lang)}, {c['gosterge']} "
             f"{_t('gosterge', lang)}, {c['faaliyet']} {_t('faaliyet', lang)} · {extent(report, lang)}",
             f"- {_t('overall', lang)}: {_t('printed', lang).lower()} %{n(report.summary.overall_rate)}, "
             f"{_t('recomputed', lang).lower()} %{n(rc.overall)}", ""]
    head = ["", _t("page", lang), "", "", _t("printed", lang), _t("expected", lang), ""]
    head[0], head[2], head[3], head[6] = ("Önem", "Kural", "Yer", "İleti") if lang != "en" else \
        ("Severity", "Rule", "Where", "Message")
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in findings:
        where = md_text(f.location) or "—"
        msg = md_text(f.message) + (f" *({md_text(f.suppression_reason or '')})*" if f.suppressed else "")
        lines.append(f"| {_t(f.severity, lang)}{' (—)' if f.suppressed else ''} | {f.page or f.ref or ''} | {f.rule} "
                     f"({md_text(_cat(f.category, lang))}) | {where} | {n(f.reported)} | {n(f.expected)} | {msg} |")
    return "\n".join(lines) + "\n"
