"""The mutation suite: each planted defect (fixtures/build/mutants.py) is rendered to a PDF, read back and
checked. The tool must report it in the right category and place, and report nothing new anywhere else.

The original mutants run through reportlab and PDFium. The small errors (1 point in a hedef, PH, amaç or the
overall rate, 0,5 in a rate, a rate above 100 counted uncapped or a negative one not floored that moves its hedef
by 1–2 points, integer-printed inputs) run through two producers (reportlab; HTML printed by headless Chromium)
and both engines (PDFium; pdfplumber on reportlab, and on Chromium for the Çiğli mutants together in one
document). Each must be found as a certain error, not as a rounding-zone warning.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from fixtures.build.__main__ import documents
from fixtures.build.mutants import MUTANTS, SMALL, Mutant, mutate
from fixtures.build.render_chromium import chromium, render_many
from fixtures.build.render_reportlab import render_reportlab
from izlem_audit.extract import extract
from izlem_audit.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[1]
HAVE_CHROMIUM = chromium() is not None
if not HAVE_CHROMIUM and os.environ.get("CI"):
    pytest.fail("Chromium is not installed; scripts/setup.sh installs the Debian package as root", pytrace=False)


@lru_cache(maxsize=None)
def raws() -> dict:
    return {raw["meta"]["id"]: raw for raw, _ in documents()}


def findings(pdf: Path, engine: str = "pdfium") -> list:
    return run_rules(extract(pdf, engine=engine))[0]


def keys(found) -> Counter:
    return Counter((f.rule, f.category, f.amac, f.hedef, f.performans_hedefi, f.item, f.period) for f in found)


@lru_cache(maxsize=None)
def baseline(doc: str) -> Counter:
    return keys(findings(ROOT / "fixtures" / "pdfs" / f"{doc}-reportlab.pdf"))


@lru_cache(maxsize=None)
def chromium_dir() -> Path:
    """Every small mutant and both unmutated documents printed by Chromium, in one browser session."""
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="izlem-mutants-chromium-"))
    jobs = [(raws()[doc], out / f"{doc}.pdf") for doc in ("cigli-2024-6", "rehber-2025-6")]
    jobs += [(mutate(raws()[m.doc], m), out / f"{m.name}.pdf") for m in SMALL]
    jobs.append((combined_cigli(), out / "small-cigli-combined.pdf"))
    render_many(jobs)
    return out


@lru_cache(maxsize=None)
def chromium_baseline(doc: str) -> Counter:
    return keys(findings(chromium_dir() / f"{doc}.pdf"))


def combined_cigli() -> dict:
    """The Çiğli small errors together (they stand in different blocks and summary cells)."""
    raw = raws()["cigli-2024-6"]
    for m in SMALL:
        if m.doc == raw["meta"]["id"]:
            raw = mutate(raw, m)
    return raw


def new_findings(found, base: Counter) -> list:
    new = keys(found) - base
    return sorted(((cat, rule, a, h, ph, item, period) for (rule, cat, a, h, ph, item, period) in new.elements()),
                  key=str)


def assert_planted(m: Mutant, found, base: Counter) -> None:
    assert new_findings(found, base) == sorted(m.expect, key=str)
    if m.severity:
        planted = {(rule, a, h, ph, item, period) for _, rule, a, h, ph, item, period in m.expect}
        sev = [f.severity for f in found if (f.rule, f.amac, f.hedef, f.performans_hedefi, f.item, f.period)
               in planted]
        assert sev and set(sev) == {m.severity}, sev


def test_at_least_three_mutants_per_numeric_category():
    per = Counter(m.expect[0][0] for m in MUTANTS)
    for cat in ("indicator_rate", "target_performance", "clamping", "weights", "cumulative", "activity_rate",
                "summary"):
        assert per[cat] >= 3, cat


def test_small_errors_cover_the_issue():
    names = " ".join(m.name for m in SMALL)
    for what in ("perf-rehber", "perf-a2h1", "ph1", "amac", "overall", "rate-a1h1", "rate-rehber", "unclamped",
                 "unfloored", "integer-inputs"):
        assert what in names, what


@pytest.mark.parametrize("m", MUTANTS, ids=lambda m: m.name)
def test_mutant_is_reported_where_planted(m, tmp_path):
    pdf = tmp_path / f"{m.name}.pdf"
    render_reportlab(mutate(raws()[m.doc], m), pdf)
    assert new_findings(findings(pdf), baseline(m.doc)) == sorted(m.expect, key=str)


# pdfplumber on the 60-page Çiğli document runs once, all its small errors together (below)
REPORTLAB_RUNS = [(m, "pdfium") for m in SMALL] + [(m, "pdfplumber") for m in SMALL if m.doc == "rehber-2025-6"]


@pytest.mark.parametrize("m,engine", REPORTLAB_RUNS, ids=lambda v: v if isinstance(v, str) else v.name)
def test_small_error_reportlab(m, engine, tmp_path):
    pdf = tmp_path / f"{m.name}.pdf"
    render_reportlab(mutate(raws()[m.doc], m), pdf)
    assert_planted(m, findings(pdf, engine), baseline(m.doc))


@pytest.mark.skipif(not HAVE_CHROMIUM, reason="Chromium not installed")
@pytest.mark.parametrize("m", SMALL, ids=lambda m: m.name)
def test_small_error_chromium(m):
    assert_planted(m, findings(chromium_dir() / f"{m.name}.pdf"), chromium_baseline(m.doc))


@pytest.mark.skipif(not HAVE_CHROMIUM, reason="Chromium not installed")
def test_small_errors_together_chromium_pdfplumber():
    found = findings(chromium_dir() / "small-cigli-combined.pdf", "pdfplumber")
    planted = [m for m in SMALL if m.doc == "cigli-2024-6"]
    together = Mutant("together", "cigli-2024-6", lambda d: None, [e for m in planted for e in m.expect], "error")
    # the baseline of the other engine on the same producer: tests/test_check_reference.py checks that the
    # engines give the same findings on the unmutated document
    assert_planted(together, found, chromium_baseline("cigli-2024-6"))
