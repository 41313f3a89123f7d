"""The mutation suite on drafts: every planted defect, written into a Word and an Excel draft of its document,
is reported where it was planted and nothing new appears anywhere else — as from the PDF printed from it.

Every mutant runs as an Excel draft; the guide document's mutants also as Word drafts (python-docx takes most
of a minute to write the 60-page Çiğli document, whose Word draft ``test_drafts.py`` checks unmutated).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from fixtures.build.mutants import MUTANTS, SMALL, Mutant, mutate
from fixtures.build.render_docx import build_docx
from fixtures.build.render_xlsx import build_xlsx
from izlem_audit.extract import extract_draft
from izlem_audit.rules.engine import run_rules
from test_mutants import assert_planted, keys, new_findings, raws

ALL = {m.name: m for m in [*MUTANTS, *SMALL]}
BUILD = {"docx": build_docx, "xlsx": build_xlsx}


def draft_findings(raw: dict, kind: str, path: Path) -> list:
    BUILD[kind](raw, path)
    return run_rules(extract_draft(path, kind))[0]


@lru_cache(maxsize=None)
def baseline(doc: str, kind: str) -> Counter:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return keys(draft_findings(raws()[doc], kind, Path(tmp) / f"{doc}.{kind}"))


CASES = [pytest.param(m, kind, id=f"{m.name}-{kind}") for m in ALL.values() for kind in ("xlsx", "docx")
         if kind == "xlsx" or m.doc == "rehber-2025-6"]


@pytest.mark.parametrize("m,kind", CASES)
def test_mutant_in_a_draft_is_reported_where_planted(m: Mutant, kind: str, tmp_path):
    found = draft_findings(mutate(raws()[m.doc], m), kind, tmp_path / f"{m.name}.{kind}")
    assert new_findings(found, baseline(m.doc, kind)) == sorted(m.expect, key=str)
    if m.severity:
        assert_planted(m, found, baseline(m.doc, kind))
