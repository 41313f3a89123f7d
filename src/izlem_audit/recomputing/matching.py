"""Fuzzy matching of titles across the report (rapidfuzz): which summary row is which block, for the
aggregates recomputed here and for the summary and label rules."""

from __future__ import annotations

from rapidfuzz import fuzz

from ..model import Hedef, SummaryPH
from ..normalising.text import fold

SAME_TITLE = 85.0  # token-sort ratio above which two printed titles name the same thing
LIKELY = 60.0


def title_score(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(fold(a), fold(b)))


def match_ph(block: Hedef, phs: list[SummaryPH]) -> SummaryPH | None:
    """The summary row of a performans hedefi block: by title first (numbers are sometimes swapped between
    the detail and the summary), by number when no title is close."""
    if not phs:
        return None
    best = max(phs, key=lambda p: title_score(block.performans_hedefi_title, p.title))
    if title_score(block.performans_hedefi_title, best.title) >= LIKELY:
        return best
    return next((p for p in phs if p.performans_hedefi == block.performans_hedefi), None)
