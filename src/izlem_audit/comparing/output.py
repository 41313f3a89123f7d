"""What ``compare`` writes: the ``izlem-audit/compare@1`` JSON, the console, Markdown, and the side-by-side
table the HTML and the workbook show (per gösterge: the reference's target and weight, each document's values
per month, the differing cells marked)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..messages import t
from ..normalising.numbers import format_number
from ..output.check_json import strict_dumps
from ..output.finding_text import layout_label
from ..rules.base import Finding
from ..rules.engine import failing, verdict
from .engine import Outcome
from .rules import prints_faaliyetler

SCHEMA = "izlem-audit/compare@1"


def finding_dict(f: Finding) -> dict[str, Any]:
    r = lambda v: None if v is None else round(float(v), 4)  # noqa: E731
    return {"id": f.id, "rule": f.rule, "category": f.category, "severity": f.severity, "amac": f.amac,
            "hedef": f.hedef or None, "performans_hedefi": f.performans_hedefi, "item": f.item, "period": f.period,
            "field": f.field, "documents": list(f.params.get("documents") or []), "message": f.message,
            "reported": r(f.reported), "expected": r(f.expected), "page": f.page,
            "evidence": f.params.get("evidence") or [], "suppressed": f.suppressed,
            "suppression_reason": f.suppression_reason,
            **({"not_checked": {"reading_problem_page": f.not_checked,
                                "document": f.params.get("not_checked_path")}} if f.not_checked is not None else {})}


def summary(findings: list[Finding]) -> dict[str, Any]:
    active = [f for f in findings if not f.suppressed]
    return {"verdict": verdict(findings), "total": len(active), "suppressed": len(findings) - len(active),
            "by_severity": dict(Counter(f.severity for f in active)),
            "by_category": dict(Counter(f.category for f in active))}


def compare_to_dict(out: Outcome, given: list[str]) -> dict[str, Any]:
    order = {d.path: n for n, d in enumerate(out.documents)}
    docs = sorted(out.documents, key=lambda d: given.index(d.path) if d.path in given else d.index)
    return {
        "schema": SCHEMA,
        "documents": [{**d.to_dict(), "order": order[d.path] + 1, "reference": order[d.path] == 0} for d in docs],
        "reference": {"document": out.documents[0].path,
                      "why": "performance programme" if out.documents[0].kind == "programme"
                      else "earliest report (no performance programme given)"},
        "config": out.config.record(),
        "summary": summary(out.findings),
        "findings": [finding_dict(f) for f in out.findings],
        "unused_suppressions": list(out.unused_suppressions),
        "alignment": out.alignment.to_dict(),
    }


def to_json(out: Outcome, given: list[str]) -> str:
    return strict_dumps(compare_to_dict(out, given), indent=1) + "\n"


# ----------------------------------------------------------------------------------------------- side by side


@dataclass
class SideCell:
    text: str = ""
    flagged: list[str] = field(default_factory=list)  # ids of the findings that mark this cell
    value: float | None = None  # the number shown, for the workbook

    @property
    def title(self) -> str:
        return ", ".join(self.flagged)


@dataclass
class SideRow:
    kind: str  # "gosterge" | "faaliyet" | "hedef"
    code: str
    name: str
    reference: list[SideCell]  # target, weight, baseline (gösterge) or budget (faaliyet)
    per_doc: list[list[SideCell]]  # per document: one cell per month column (gösterge) or budget, spent
    matched: list[str]  # per document: how it was matched ("kod", "başlık ~92", "yok")


def _n(v: float | None, lang: str) -> str:
    return "" if v is None else format_number(v, 2, lang=lang)


HOW = {"tr": {"reference": "referans", "code": "kod", "title": "başlık", "absent": "yok",
              "no_table": "faaliyet tablosu yok"},
       "en": {"reference": "reference", "code": "code", "title": "title", "absent": "absent",
              "no_table": "no faaliyet table"}}


REFERENCE_COLUMNS = {
    "tr": {"report": ("Hedef (B)", "Etki %", "Başlangıç (A)"),
           "programme": ("Program: hedef (B)", "Program: etki %", "Program: başlangıç (A)")},
    "en": {"report": ("Target (B)", "Weight %", "Baseline (A)"),
           "programme": ("Programme: target (B)", "Programme: weight %", "Programme: baseline (A)")},
}


def reference_columns(out: Outcome, lang: str = "tr") -> tuple[str, str, str]:
    """The labels of the reference's three columns: the programme's when it is the reference."""
    kind = "programme" if out.documents and out.documents[0].kind == "programme" else "report"
    return REFERENCE_COLUMNS["en" if lang == "en" else "tr"][kind]


def side_by_side(out: Outcome, lang: str = "tr") -> tuple[list[str], list[list[int]], list[SideRow]]:
    """(document labels, month columns per document, rows) of the side-by-side table. The performance programme,
    when it is the reference, is the reference columns (its target, weight, baseline, budget) and has no month
    columns of its own; an item the reference does not hold has no reference figures."""
    ref_doc = out.documents[0]
    docs = out.documents[1:] if ref_doc.kind == "programme" else out.documents
    months = []
    for d in docs:
        ms = sorted({p.month for h in d.report.hedefler for g in h.gostergeler for p in g.periods if p.month})
        months.append(ms or ([d.months] if d.months else []))
    marks: dict[tuple, list[str]] = {}
    for f in out.findings:
        if f.suppressed or f.severity == "info":
            continue
        b = f.params.get("documents", [None, None])[-1]
        a = f.params.get("documents", [None, None])[0]
        structural = f.category in ("target_changed", "weight_changed", "baseline_changed")
        for doc_path in ((b, "reference") if structural else (a, b)):
            key = (doc_path, f.amac, f.hedef, f.performans_hedefi, f.item, f.category, f.period)
            marks.setdefault(key, []).append(f.id)
    h = "en" if lang == "en" else "tr"

    def flagged(doc, row, category, period=None) -> list[str]:
        return marks.get((doc.path, row.amac, row.hedef, row.performans_hedefi, row.code, category, period), [])

    rows: list[SideRow] = []
    for hrow in out.alignment.hedefler:
        first = hrow.first()
        code = first.display_code
        rows.append(SideRow("hedef", code, first.title, [], [[] for _ in docs],
                            [_how(hrow, d, h) for d in docs]))
        for row in out.alignment.children(hrow, "gosterge"):
            held = row.placed.get(ref_doc.index)
            ref = held.item if held is not None else _Blank()
            refs = {c: marks.get(("reference", row.amac, row.hedef, row.performans_hedefi, row.code, c, None), [])
                    for c in ("target_changed", "weight_changed", "baseline_changed")}
            ref_cells = [SideCell(_n(ref.target, lang), refs["target_changed"], ref.target),
                         SideCell(_n(ref.weight, lang), refs["weight_changed"], ref.weight),
                         SideCell(_n(ref.baseline, lang), refs["baseline_changed"], ref.baseline)]
            per_doc = []
            for d, ms in zip(docs, months):
                p = row.placed.get(d.index)
                cells = []
                for m in ms:
                    if p is None:
                        cells.append(SideCell("—", flagged(d, row, "indicator_missing")))
                        continue
                    per = next((x for x in p.item.periods if x.month == m), None)
                    ids = flagged(d, row, "restated_value", m) + flagged(d, row, "cumulative_across_reports", m)
                    if m == ms[-1]:  # a changed target/weight/baseline is written, and outlined, in the last cell
                        for cat in ("target_changed", "weight_changed", "baseline_changed"):
                            ids += flagged(d, row, cat)
                    text = "" if per is None else _n(per.actual, lang)
                    extra = _changes(ref, p.item, lang)
                    cells.append(SideCell(text + (f" [{extra}]" if extra and m == ms[-1] else ""), ids,
                                          None if per is None else per.actual))
                per_doc.append(cells)
            first = row.first()
            rows.append(SideRow("gosterge", first.printed_code, first.title, ref_cells, per_doc,
                                [_how(row, d, h) for d in docs]))
        for row in out.alignment.children(hrow, "faaliyet"):
            held = row.placed.get(ref_doc.index)
            ref = held.item if held is not None else _Blank()
            per_doc = []
            for d, ms in zip(docs, months):
                p = row.placed.get(d.index)
                if p is None and not prints_faaliyetler(d):  # a layout without faaliyet tables: nothing missing
                    per_doc.append([SideCell("")] * max(len(ms), 1))
                    continue
                if p is None:
                    per_doc.append([SideCell("—", flagged(d, row, "indicator_missing"))] + [SideCell("")] * (len(ms) - 1))
                    continue
                ids = flagged(d, row, "budget_changed") + flagged(d, row, "indicator_added")
                cells = [SideCell(f"{_n(p.item.budget, lang)} / {_n(p.item.spent, lang)}", ids)]
                per_doc.append(cells + [SideCell("")] * (len(ms) - 1))
            first = row.first()
            rows.append(SideRow("faaliyet", first.printed_code, first.title,
                                [SideCell(_n(ref.budget, lang), value=ref.budget), SideCell(""), SideCell("")], per_doc,
                                [_how(row, d, h) if row.placed.get(d.index) or prints_faaliyetler(d)
                                 else HOW[h]["no_table"] for d in docs]))
    labels = [(f"{d.months or '?'} {'months' if lang == 'en' else 'ay'}" if d.kind != "programme" else
               ("programme" if lang == "en" else "program")) + f" · {d.path}" for d in docs]
    return labels, months, rows


class _Blank:
    """The reference's figures of an item the reference does not hold: none."""

    target = weight = baseline = budget = None


def _changes(ref, item, lang: str) -> str:
    parts = []
    if item.target is not None and ref.target is not None and abs(item.target - ref.target) >= .005:
        parts.append(("target " if lang == "en" else "hedef ") + _n(item.target, lang))
    if item.weight is not None and ref.weight is not None and abs(item.weight - ref.weight) >= .005:
        parts.append(("weight " if lang == "en" else "etki ") + _n(item.weight, lang))
    if item.baseline is not None and ref.baseline is not None and abs(item.baseline - ref.baseline) >= .005:
        parts.append("A " + _n(item.baseline, lang))
    return ", ".join(parts)


def _how(row, doc, h: str) -> str:
    p = row.placed.get(doc.index)
    if p is None:
        return HOW[h]["absent"]
    if p.how == "title":
        return f"{HOW[h]['title']} ~{p.score:.0f} ({p.printed_code})"
    return HOW[h].get(p.how, p.how)


# ----------------------------------------------------------------------------------------------- text outputs

TEXT = {
    "tr": {"title": "Belgeler arası tutarlılık", "docs": "Belgeler", "ref": "referans (en erken rapor)",
           "none": "Belgeler arasında tutarsızlık bulunmadı.", "kind": {"monitoring_report": "izleme raporu", "programme": "performans programı",
                                                                                         "activity_report": "faaliyet raporu"},
           "from": {"title": "başlıktan", "periods": "dönemlerden", "kind": "program", "": "bilinmiyor"},
           "count": "{n} bulgu: {e} hata, {w} uyarı, {i} bilgi; {s} bastırıldı.", "suppressed": "bastırıldı"},
    "en": {"title": "Consistency across documents", "docs": "Documents", "ref": "reference (earliest report)",
           "none": "No inconsistency between the documents.", "kind": {"monitoring_report": "monitoring report", "programme": "performance programme",
                                                                                     "activity_report": "activity report"},
           "from": {"title": "from the title", "periods": "from the periods", "kind": "programme", "": "unknown"},
           "count": "{n} findings: {e} errors, {w} warnings, {i} info; {s} suppressed.", "suppressed": "suppressed"},
}


def doc_line(d, lang: str, reference: bool) -> str:
    x = TEXT["en" if lang == "en" else "tr"]
    months = (f"{d.months} {'months' if lang == 'en' else 'ay'} ({x['from'][d.months_from]})"
              if d.kind != "programme" else "—")
    muni = d.municipality or "?"
    return (f"[{d.index}] {d.path}: {x['kind'].get(d.kind, d.kind)}, {muni}, {d.year or '?'}, {months}, "
            f"{layout_label(d.report.layout, lang)}" + (f" — {x['ref'] if d.kind != 'programme' else x['ref'].split(' (')[0]}"
                                    if reference else ""))


def counts_line(findings: list[Finding], lang: str) -> str:
    x = TEXT["en" if lang == "en" else "tr"]
    act = [f for f in findings if not f.suppressed]
    c = Counter(f.severity for f in act)
    return x["count"].format(n=len(act), e=c["error"], w=c["warning"], i=c["info"], s=len(findings) - len(act))


def render_console(out: Outcome, console, lang: str = "tr") -> None:
    from rich.text import Text

    x = TEXT["en" if lang == "en" else "tr"]
    style = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    console.print(Text(x["title"], style="bold"))
    for n, d in enumerate(out.documents):
        console.print(doc_line(d, lang, n == 0))
    for line in moved_lines(out, lang):
        console.print(Text(line, style="dim"))
    if not out.findings:
        console.print(Text(x["none"], style="green"))
    for f in out.findings:
        sev = t(f"sev_{f.severity}", lang)
        line = Text()
        line.append(f"{sev:8}", style=style[f.severity])
        line.append(f" {f.rule} ")
        line.append(f.message)
        if f.suppressed:
            line.append(f"  ({x['suppressed']}: {f.suppression_reason})", style="dim")
        console.print(line)
    console.print(counts_line(out.findings, lang))


def moved_lines(out: Outcome, lang: str = "tr") -> list[str]:
    """The items found by title rather than by code (renumbered): which matched which, and how closely."""
    en = lang == "en"
    lines = []
    for row in out.alignment.hedefler + out.alignment.items:
        first = row.first()
        for p in row.placed.values():
            if p.how == "title":
                lines.append((f"Matched by title: {first.display_code} in {first.doc.path} = {p.printed_code} in "
                              f"{p.doc.path} (similarity {p.score:.0f})") if en else
                             (f"Başlıktan eşleşti: {first.doc.path} {first.display_code} = {p.doc.path} "
                              f"{p.printed_code} (benzerlik {p.score:.0f})"))
    return lines


def render_markdown(out: Outcome, lang: str = "tr") -> str:
    from ..output.md_escape import md_escape as md_cell

    x = TEXT["en" if lang == "en" else "tr"]
    lines = [f"# {x['title']}", "", f"## {x['docs']}", ""]
    lines += [f"- {md_cell(doc_line(d, lang, n == 0))}" for n, d in enumerate(out.documents)]
    lines += [""] + [f"- {md_cell(m)}" for m in moved_lines(out, lang)]
    lines += ["", counts_line(out.findings, lang), ""]
    if out.findings:
        lines += ["| id | severity | message | documents |", "|---|---|---|---|"]
        for f in out.findings:
            lines.append(f"| {md_cell(f.id)} | {f.severity}{' (' + x['suppressed'] + ')' if f.suppressed else ''} | "
                         f"{md_cell(f.message)} | {md_cell(' → '.join(f.params.get('documents') or []))} |")
    else:
        lines.append(x["none"])
    return "\n".join(lines) + "\n"


def gate_fails(out: Outcome, level: str) -> bool:
    return bool(failing(out.findings, level))
