"""The console report: findings grouped by amaç and hedef, severities coloured, totals at the end."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..assembling.kind import KIND_ACTIVITY, KIND_PROGRAMME, kind_of
from ..messages import extent, t
from ..model import Report
from . import finding_text as ft
from ..recomputing.report import Recomputed
from ..rules.base import Finding

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _group_key(f: Finding) -> tuple[str, str]:
    return (f.amac or "—", f.hedef or "")


def render_console(report: Report, findings: list[Finding], rc: Recomputed, console: Console, lang: str = "tr") -> None:
    c = report.counts()
    console.print(Text(t(_TITLE_KEY.get(kind_of(report), "console_title"), lang,
                         title=report.title or report.source.path), style="bold"))
    from .finding_text import layout_label  # the layout in words, not its internal id

    console.print(t("console_read", lang, layout=layout_label(report.layout, lang), extent=extent(report, lang), **c))
    reading = [f for f in findings if f.origin == "reader"]
    all_findings, findings = findings, [f for f in findings if f.origin != "reader"]
    by_id = {f.id: f for f in findings}
    consequences: dict[str, list[Finding]] = {}
    for f in findings:
        if f.caused_by and f.caused_by in by_id:
            consequences.setdefault(f.caused_by, []).append(f)
    ordered = sorted((f for f in findings if not (f.caused_by and f.caused_by in by_id)),
                     key=lambda f: (_amac_no(f.amac), _amac_no(f.hedef), f.sort_key()))
    for (amac, hedef), group in groupby(ordered, key=_group_key):
        title = f"{amac} {hedef}".strip() if amac != "—" else t("console_report_level", lang)
        console.rule(Text(title, style="bold"), align="left")
        table = _findings_table()
        for f in group:
            _row(table, f, lang, 0)
            stack = list(reversed(consequences.get(f.id, [])))
            depth = {c.id: 1 for c in stack}
            while stack:
                c = stack.pop()
                _row(table, c, lang, depth[c.id])
                for cc in reversed(consequences.get(c.id, [])):
                    depth[cc.id] = depth[c.id] + 1
                    stack.append(cc)
        console.print(table)
    if reading:
        # what the tool could not read or place: its own section, never among the report's errors
        console.rule(Text(t("reading_problems_title", lang), style="bold magenta"), align="left")
        console.print(Text(t("reading_problems_note", lang), style="dim"))
        table = _findings_table()
        for f in sorted(reading, key=Finding.sort_key):
            msg = Text(f.message)
            msg.append(f"  [{f.id}]", style="dim")
            table.add_row(Text(t("sev_reader", lang), style="magenta"), Text(f.rule, style="bold"),
                          Text(_page(f.page, lang)), msg)
        console.print(table)
    from ..rules.engine import headline

    head = headline(all_findings)
    console.rule()
    line = Text()
    for s in ("error", "warning", "info"):
        line.append(f"{head['causes'][s]} {t(f'sev_{s}_plural', lang)}", style=STYLE[s])
        line.append("  ")
    if head["consequences"]:
        line.append(t("n_consequences", lang, n=head["consequences"]), style="dim")
        line.append("  ")
    if head["reading_problems"]:
        line.append(t("n_reading_problems", lang, n=head["reading_problems"]), style="magenta")
        line.append("  ")
    if head["not_checked"]:
        line.append(t("n_not_checked", lang, n=head["not_checked"]), style="magenta")
        line.append("  ")
    sup = sum(head["suppressed"].values())
    if sup:
        line.append(t("n_suppressed_errors", lang, n=sup, errors=head["suppressed"]["error"]), style="bold magenta"
                    if head["suppressed"]["error"] else "dim")
    console.print(line)
    for u in rc.unused_suppressions:
        console.print(Text(t("unused_suppression", lang, what=_describe_suppression(u), reason=u.get("reason", "")),
                           style="magenta"))
    if rc.config:
        console.print(Text(t("config_used", lang, path=rc.config["path"], sha=rc.config["sha256"][:12]), style="dim"))
    if report.summary.overall_rate is not None or rc.overall is not None:
        console.print(t("console_overall", lang, printed=ft.pct(report.summary.overall_rate, lang),
                        recomputed=ft.pct(rc.overall, lang)))

_TITLE_KEY = {KIND_PROGRAMME: "console_title_programme", KIND_ACTIVITY: "console_title_activity_report"}


def _findings_table() -> Table:
    """The columns every list of findings prints in: severity, rule, page, the message."""
    table = Table(show_header=False, box=None, pad_edge=False, expand=True)
    table.add_column(width=8, no_wrap=True)
    table.add_column(width=6, no_wrap=True)
    table.add_column(width=5, no_wrap=True)
    table.add_column(ratio=1)
    return table


def _row(table: Table, f: Finding, lang: str, depth: int) -> None:
    sev = Text(t(f"sev_{f.severity}", lang), style=STYLE[f.severity] if not f.suppressed and not depth else "dim")
    msg = Text()
    if depth:
        msg.append("  " * (depth - 1) + "↳ " + t("consequence_of", lang, id=f.caused_by) + " ", style="dim italic")
    msg.append(f.message, style="dim" if f.suppressed else "")
    msg.append(f"  [{f.id}]", style="dim")
    if f.suppressed:
        msg.append(f"  [{t('suppressed', lang)}: {f.suppression_reason}]", style="dim italic")
    if f.ref:  # a draft: the table/sheet, row and cell instead of a page
        msg.append(f"  ({f.ref})", style="dim")
    table.add_row(sev, Text(f.rule, style="bold"), Text(_page(f.page, lang)), msg)


def _describe_suppression(u: dict) -> str:
    if u.get("id"):
        return str(u["id"])
    place = " ".join(str(u[k]) for k in ("amac", "hedef", "performans_hedefi", "item", "field") if u.get(k))
    if u.get("period") is not None:
        place += f" ({u['period']}. ay)"
    return f"{u.get('rule')} {place}".strip() + f" [suppress[{u.get('index')}]]"


def _amac_no(code: str | None) -> int:
    digits = "".join(ch for ch in (code or "") if ch.isdigit())
    return int(digits) if digits else 0


def _page(page: int | None, lang: str) -> str:
    """The page column: 's.5' in Turkish (sayfa), 'p.5' in English."""
    return f"{'p' if lang == 'en' else 's'}.{page}" if page else ""
