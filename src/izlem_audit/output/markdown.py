"""Markdown for minutes and e-mails: the report as printed, the verdict, the counts, a summary table of the
findings, then each finding written as an audit finding (Bulgu → Kriter → Tespit → Etki → Öneri, İdare
açıklaması when suppressed; words from ``finding_text``), reading problems in their own section. PDF text is
escaped so it cannot break the table or inject markup."""

from __future__ import annotations

from ..messages import extent
from ..model import Report
from ..recomputing.report import Recomputed
from ..rules.base import Finding
from . import finding_text as ft
from .html import _t, _describe_suppression

from .md_escape import md_escape


def md_text(text: str) -> str:
    return md_escape(text)  # backslashes, brackets, raw HTML, bare links: output/md_escape.py


def _ref(f: Finding) -> str:
    """A draft's cell reference ("İzleme!C7"): escaped, but "!" kept (harmless once "[" is escaped)."""
    return md_text(getattr(f, "ref", "") or "").replace("\\!", "!")


def _finding_md(t: ft.FindingText, lang: str, level: int = 3) -> list[str]:
    f = t.finding
    sev = ft.ui(f.severity, lang) + (f" · {ft.ui('suppressed', lang)}" if f.suppressed else "")
    out = [f"{'#' * level} {md_text(f.rule)} — {md_text(t.title)}", "", f"*{sev}*", ""]
    if t.management is not None:
        out += [f"**{ft.ui('idare', lang)}:** {md_text(t.management)}", ""]
    out += [f"**{ft.ui('kriter', lang)}:** {md_text(f.rule)} · {md_text(t.rule_title)}. {md_text(t.criterion)}", "",
            f"**{ft.ui('tespit', lang)}:** {md_text(t.statement)}", ""]
    out += [f"- {md_text(label)}: {md_text(value).replace(chr(92) + '!', '!')}" for label, value in t.facts]
    out += ["", f"**{ft.ui('etki', lang)}:** " + (md_text(t.effect_text) if not t.effects else "")]
    out += [f"- {md_text(ft.effect_line(e, lang))}" for e in t.effects]
    out += ["", f"**{ft.ui('oneri', lang)}:** {md_text(t.recommendation)}", ""]
    if t.consequences:
        out += [f"**{ft.ui('consequences', lang)}:**", ""]
        for c in t.consequences:
            out += _finding_md(c, lang, level + 1)
    return out


def render_markdown(report: Report, findings: list[Finding], rc: Recomputed, lang: str = "tr",
                    unused_suppressions: list | None = None) -> str:
    texts = ft.compose_all(findings, report, rc, lang)
    hl = ft.headline(report, findings, rc, unused_suppressions)
    verdict, _ = ft.verdict(hl, lang)
    period = ft.period_text(report, lang)
    head = " · ".join(x for x in (
        md_text(report.municipality), f"{_t('period', lang)}: {md_text(period)}" if period else "",
        f"{_t('year', lang)}: {report.year}" if report.year else "",
        f"{_t('file', lang)}: {md_text(ft.input_name(report))} ({md_text(extent(report, lang))})",
        f"{_t('layout', lang)}: {md_text(ft.layout_label(report.layout, lang))}") if x)
    lines = [f"# {md_text(_t('title', lang))}: {md_text(report.title or ft.input_name(report))}", "", head, "",
             f"**{md_text(verdict)}**", "",
             f"- {_t('figures', lang)}: {hl.checked} {_t('checked', lang)} ({_t('of_printed', lang, n=hl.figures)}), "
             f"{hl.reconciled} {_t('reconciled', lang)}, {hl.not_reconciled} {_t('not_reconciled', lang)}, "
             f"{hl.not_checkable} {_t('not_checkable', lang)}",
             f"- {hl.errors} {_t('errors', lang)}, {hl.consequences} {_t('consequences', lang)}, {hl.warnings} "
             f"{_t('warnings', lang)}, {hl.infos} {_t('infos', lang)}, {hl.reading} {_t('reading', lang)}, "
             f"{hl.suppressed} {_t('suppressed', lang)}",
             f"- {_t('overall', lang)}: {_t('printed', lang)} {ft.pct(report.summary.overall_rate, lang)}, "
             f"{_t('recomputed', lang)} {ft.pct(rc.overall, lang)}", ""]
    main = [t for t in texts if not t.reading]
    head_row = (["Önem", "Kural", "Bulgu", "Sayfa", "Basılı", "Olması gereken"] if lang != "en" else
                ["Severity", "Rule", "Finding", "Page", "Printed", "Should be"])
    lines += [f"## {_t('findings', lang)}", ""]
    if main:
        lines += ["| " + " | ".join(head_row) + " |", "|" + "---|" * len(head_row)]
        for t in ft.flatten(main):
            f = t.finding
            sev = ft.ui(f.severity, lang) + (" (—)" if f.suppressed else "") + (
                f" ({ft.ui('consequence', lang)})" if getattr(f, "caused_by", None) else "")
            lines.append(f"| {sev} | {f.rule} | {md_text(t.title)} | {f.page or _ref(f)} | "
                         f"{md_text(ft._value(f, f.reported, lang))} | {md_text(t.expected_text)} |")
        lines.append("")
        for t in main:
            lines += _finding_md(t, lang)
    else:
        lines += [_t("none", lang), ""]
    reading = [t for t in texts if t.reading]
    if reading:
        lines += [f"## {_t('reading_title', lang)}", "", md_text(_t("reading_intro", lang)), ""]
        for t in reading:
            lines.append(f"- {md_text(t.finding.rule)} · {md_text(t.place or ft.ui('report_level', lang))} · "
                         f"{ft.ui('page', lang)} {t.finding.page or '—'}: {md_text(t.statement)}")
        lines.append("")
    if hl.unused_suppressions:
        lines += [f"## {_t('unused_title', lang)}", "", md_text(_t("unused_intro", lang)), ""]
        lines += [f"- {md_text(_describe_suppression(u))}" for u in hl.unused_suppressions]
        lines.append("")
    return "\n".join(lines) + "\n"
