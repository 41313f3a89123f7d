"""The mutation suite: each planted defect (fixtures/build/mutants.py) is rendered to a PDF, read back and
checked. The tool must report it in the right category and place, and report nothing new anywhere else."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from fixtures.build.__main__ import documents
from fixtures.build.mutants import MUTANTS, mutate
from fixtures.build.render_reportlab import render_reportlab
from izlem_audit.extract import extract
from izlem_audit.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=None)
def raws() -> dict:
    return {raw["meta"]["id"]: raw for raw, _ in documents()}


def keys(pdf: Path) -> Counter:
    findings, _ = run_rules(extract(pdf, engine="pdfium"))
    return Counter((f.rule, f.category, f.amac, f.hedef, f.performans_hedefi, f.item, f.period) for f in findings)


@lru_cache(maxsize=None)
def baseline(doc: str) -> Counter:
    return keys(ROOT / "fixtures" / "pdfs" / f"{doc}-reportlab.pdf")


def test_at_least_three_mutants_per_numeric_category():
    per = Counter(m.expect[0][0] for m in MUTANTS)
    for cat in ("indicator_rate", "target_performance", "clamping", "weights", "cumulative", "activity_rate",
                "summary"):
        assert per[cat] >= 3, cat


@pytest.mark.parametrize("m", MUTANTS, ids=lambda m: m.name)
def test_mutant_is_reported_where_planted(m, tmp_path):
    pdf = tmp_path / f"{m.name}.pdf"
    render_reportlab(mutate(raws()[m.doc], m), pdf)
    new = keys(pdf) - baseline(m.doc)
    got = sorted(((cat, rule, a, h, ph, item, period) for (rule, cat, a, h, ph, item, period) in new.elements()),
                 key=str)
    assert got == sorted(m.expect, key=str)
