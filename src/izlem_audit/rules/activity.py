"""Faaliyet budgets: printed rate vs spending / budget, spending above or without a budget."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Context, Finding, make, rule


@rule(id="IZ301", name="activity-rate-mismatch", category="activity_rate", severity="error",
      message_tr="{code}: basılı gerçekleşme oranı {reported}, harcama / bütçe ile hesaplanan {expected} "
                 "({spent} / {budget}).",
      message_en="{code}: printed rate {reported}, spending / budget gives {expected} ({spent} / {budget}).",
      rationale_tr="Faaliyetin gerçekleşme oranı = gerçekleşme (TL) / hedef (TL) × 100.",
      rationale_en="A faaliyet's rate = spending (TL) / budget (TL) × 100.",
      example="Bütçe 2.500.000, harcama 379.200 → 15,17.")
def activity_rate_mismatch(ctx: Context) -> Iterable[Finding]:
    for ac in ctx.recomputed.activities:
        if ac.flagged:
            f = ac.faaliyet
            yield make("IZ301", ac.hedef, item=f.code, cell=f.evidence.cells.get("reported_rate"),
                       row_page=f.evidence.page, row_bbox=f.evidence.bbox, reported=f.reported_rate,
                       expected=ac.expected, tolerance=ac.tolerance, tolerance_loose=ac.tolerance_loose,
                       doubtful=ac.doubtful, code=f.printed_code or f.code,
                       spent=f.spent, budget=f.budget)


@rule(id="IZ302", name="spending-over-budget", category="activity_budget", severity="warning",
      message_tr="{code}: harcama ({spent}) bütçeyi ({budget}) aşıyor.",
      message_en="{code}: spending ({spent}) exceeds the budget ({budget}).",
      rationale_tr="5018 sayılı Kanun uyarınca ödenek üstü harcama yapılamaz; bütçeyi aşan bir harcama ya ek "
                   "ödenekle açıklanmalı ya da rakamlardan biri yanlıştır.",
      rationale_en="Spending above the appropriation needs an explanation (a supplementary appropriation) or one "
                   "of the figures is wrong.",
      example="Bütçe 100.000, harcama 120.000.")
def spending_over_budget(ctx: Context) -> Iterable[Finding]:
    for ac in ctx.recomputed.activities:
        f = ac.faaliyet
        if f.budget and f.spent is not None and f.spent > f.budget:
            yield make("IZ302", ac.hedef, item=f.code, cell=f.evidence.cells.get("spent"), row_page=f.evidence.page,
                       row_bbox=f.evidence.bbox, reported=f.spent, expected=f.budget,
                       code=f.printed_code or f.code, spent=f.spent, budget=f.budget)


@rule(id="IZ303", name="spending-without-budget", category="activity_budget", severity="warning",
      message_tr="{code}: bütçesi 0 olan faaliyette {spent} TL harcama görünüyor.",
      message_en="{code}: {spent} TL spent on a faaliyet with a zero budget.",
      rationale_tr="Bütçesi sıfır olan bir faaliyette harcama, ödeneğin başka bir faaliyetten kullanıldığını ya "
                   "da bir kayıt hatasını gösterir.",
      rationale_en="Spending on a faaliyet with no budget means money from another line or a recording error.",
      example="Hedef (TL) 0,00, gerçekleşme 18.000,00.")
def spending_without_budget(ctx: Context) -> Iterable[Finding]:
    for ac in ctx.recomputed.activities:
        f = ac.faaliyet
        if f.budget == 0 and f.spent:
            yield make("IZ303", ac.hedef, item=f.code, cell=f.evidence.cells.get("spent"), row_page=f.evidence.page,
                       row_bbox=f.evidence.bbox, reported=f.spent, expected=0.0, code=f.printed_code or f.code,
                       spent=f.spent)
