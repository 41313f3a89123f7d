"""The console report: findings grouped by amaç and hedef, severities coloured, totals at the end."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..messages import t
from ..model import Report
from ..normalising.numbers import format_number
from ..recomputing.report import Recomputed
from ..rules.base import Finding

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _group_key(f: Finding) -> tuple[str, str]:
    return (f.amac or "—", f.hedef or "")


def render_console(report: Report, findings: list[Finding], rc: Recomputed, console: Console, lang: str = "tr") -> None:
    c = report.counts()
    console.print(Text(t("console_title", lang, title=report.title or report.source.path), style="bold"))
    console.print(t("console_read", lang, layout=report.layout, pages=report.source.pages, **c))
    ordered = sorted(findings, key=lambda f: (_amac_no(f.amac), _amac_no(f.hedef), f.sort_key()))
    for (amac, hedef), group in groupby(ordered, key=_group_key):
        title = f"{amac} {hedef}".strip() if amac != "—" else t("console_report_level", lang)
        console.rule(Text(title, style="bold"), align="left")
        table = Table(show_header=False, box=None, pad_edge=False, expand=True)
        table.add_column(width=8, no_wrap=True)
        table.add_column(width=6, no_wrap=True)
        table.add_column(width=5, no_wrap=True)
        table.add_column(ratio=1)
        for f in group:
            sev = Text(t(f"sev_{f.severity}", lang), style=STYLE[f.severity] if not f.suppressed else "dim")
            msg = Text(f.message, style="dim" if f.suppressed else "")
            if f.suppressed:
                msg.append(f"  [{t('suppressed', lang)}: {f.suppression_reason}]", style="dim italic")
            table.add_row(sev, Text(f.rule, style="bold"), Text(f"s.{f.page}" if f.page else ""), msg)
        console.print(table)
    active = [f for f in findings if not f.suppressed]
    counts = {s: sum(1 for f in active if f.severity == s) for s in ("error", "warning", "info")}
    console.rule()
    line = Text()
    for s in ("error", "warning", "info"):
        line.append(f"{counts[s]} {t(f'sev_{s}_plural', lang)}", style=STYLE[s])
        line.append("  ")
    sup = len(findings) - len(active)
    if sup:
        line.append(t("n_suppressed", lang, n=sup), style="dim")
    console.print(line)
    if report.summary.overall_rate is not None or rc.overall is not None:
        console.print(t("console_overall", lang, printed=_pct(report.summary.overall_rate, lang),
                        recomputed=_pct(rc.overall, lang)))


def _pct(v: float | None, lang: str) -> str:
    return "—" if v is None else "%" + format_number(v, 2, lang=lang)


def _amac_no(code: str | None) -> int:
    digits = "".join(ch for ch in (code or "") if ch.isdigit())
    return int(digits) if digits else 0
