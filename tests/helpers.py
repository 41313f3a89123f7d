"""What the tests of a built fixture document share, written once.

A layout's fixture (``fixtures/build/<layout>.py``) gives a clean and a planted document, printed by several
producers into ``fixtures/pdfs/<doc>[-planted]-<producer>.pdf``, with its truth in ``fixtures/truth/``. Its test
reads every PDF with every engine (``read``, cached for the session: several test modules read the same PDF),
compares it with the truth, checks the planted findings against the list written by hand
(``assert_planted_findings``), that the builder imports nothing of ``izlem_audit`` (``run_apart``), that the
Word and Excel drafts read as the PDFs (``assert_draft_reads_as_its_pdf``), the table detections (``detections``)
and the command a user runs (``cli``, ``one_line``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import pytest

from izlem_audit.extract import extract
from izlem_audit.model import Report
from izlem_audit.reading.page import Block, GridCell, GridTable, Line
from izlem_audit.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ["pdfium", "pdfplumber"]


class FixtureDoc:
    """A built fixture document: its PDFs (every producer, clean and planted) and their truths."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.pdfs = sorted((ROOT / "fixtures" / "pdfs").glob(f"{doc}-*.pdf"))
        self.clean = [p for p in self.pdfs if "-planted-" not in p.name]
        self.planted = [p for p in self.pdfs if "-planted-" in p.name]

    def producers(self) -> set[str]:
        return {p.stem.rsplit("-", 1)[1] for p in self.pdfs}

    def truth(self, pdf: Path) -> dict:
        return truth(self.doc + ("-planted" if "-planted-" in pdf.name else ""))


def truth(doc: str) -> dict:
    """The committed truth of a document (``fixtures/truth/<doc>.json``)."""
    return json.loads((ROOT / "fixtures" / "truth" / f"{doc}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def read(pdf: Path, engine: str = "pdfium") -> Report:
    return extract(pdf, engine=engine)


def findings(pdf: Path, engine: str = "pdfium") -> list:
    return run_rules(read(pdf, engine))[0]


def assert_equals_truth(want: dict, report: Report, label: str) -> int:
    """The report read equals its truth cell for cell (numbers and codes equal, texts after white-space
    normalisation; ``test_extraction.compare``); how many cells were compared, printed (``pytest -s``)."""
    from test_extraction import compare

    diffs: list[str] = []
    n = compare(want, report.to_dict(evidence=False), "report", diffs)
    print(f"\n{label}: {n} cells compared, {len(diffs)} differ")
    assert not diffs, f"{len(diffs)} of {n} cells differ:\n" + "\n".join(diffs[:40])
    return n


def finding_key(f) -> tuple:
    """What makes two findings the same finding: id, rule, severity, printed and recomputed value, tolerance."""
    d = f.to_dict()
    return (d["id"], d["rule"], d["severity"], d["reported"], d["expected"], d["tolerance"])


def assert_planted_findings(found: list, planted: list[tuple]) -> None:
    """Exactly the findings planted, listed by hand as (rule, id, printed, recomputed): the same rules and ids,
    and each printed / recomputed value the list gives (None: not written down)."""
    got = sorted((f.rule, f.id, f.reported, f.expected) for f in found)
    want = sorted(planted)
    assert [(r, i) for r, i, _, _ in got] == [(r, i) for r, i, _, _ in want]
    for (_, i, rep, exp), (_, _, want_rep, want_exp) in zip(got, want):
        if want_rep is not None:
            assert rep == pytest.approx(want_rep), i
        if want_exp is not None:
            assert exp == pytest.approx(want_exp), i


def run_apart(code: str, result: str = "None") -> tuple[list[str], Any]:
    """Run ``code`` in a fresh interpreter at the repository's root: the ``izlem_audit`` modules it imported
    (a fixture's truth must import none: it is not derived from the code under test) and ``result`` (a Python
    expression, evaluated after ``code``) through JSON."""
    script = (f"import sys, json\n{code}\n__result = {result}\n"
              "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] == 'izlem_audit'), __result]))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    modules, value = json.loads(out.stdout.strip().splitlines()[-1])
    return modules, value


def assert_draft_reads_as_its_pdf(build: Callable[..., tuple[dict, dict]], kind: str, tmp_path: Path, cells: int,
                                  pdf: Path) -> None:
    """The Word or Excel draft of the planted document (``build(planted=True)``: raw and truth) reads as its
    truth, all ``cells`` cells of it, and gives the findings of ``pdf``, printed from it."""
    from fixtures.build.render_docx import build_docx
    from fixtures.build.render_xlsx import build_xlsx
    from izlem_audit.extract import extract_draft

    raw, want = build(planted=True)
    path = tmp_path / f"taslak.{kind}"
    (build_docx if kind == "docx" else build_xlsx)(raw, path)
    report = extract_draft(path, kind)
    assert assert_equals_truth(want, report, path.name) == cells
    assert Counter(map(finding_key, run_rules(report)[0])) == Counter(map(finding_key, findings(pdf)))


def detections(pdf: Path) -> list:
    """Every table's detection while ``pdf`` is read: (kind, winning Detection, every reader's score)."""
    import izlem_audit.assembling.assembler as mod

    seen: list = []
    original = mod.Assembler.finish

    def keep(self):
        seen.extend(self.detections)
        return original(self)

    mod.Assembler.finish = keep  # type: ignore[method-assign]
    try:
        extract(pdf, engine="pdfium")
    finally:
        mod.Assembler.finish = original  # type: ignore[method-assign]
    return [(kind, d, scores) for _, _, kind, d, scores in seen]


COLUMN_WIDTH = 60.0  # of the hand-made tables (``grid``)


def grid(rows: list[list[str]], page: int = 1, top: float = 100.0, row_height: float = 14.0,
         line_height: float = 10.0, line_step: float = 9.0) -> GridTable:
    """A hand-made ruled table: one cell per string, columns ``COLUMN_WIDTH`` points wide from x = 40; a string with
    newlines is a cell of several lines, one under another (each ``line_height`` high, ``line_step`` apart)."""
    n = max(len(r) for r in rows)
    xs = [40.0 + COLUMN_WIDTH * i for i in range(n + 1)]
    ys = [top + row_height * i for i in range(len(rows) + 1)]
    cells = []
    for r, texts in enumerate(rows):
        for c, t in enumerate(texts):
            box = (xs[c], ys[r], xs[c + 1], ys[r + 1])
            lines = [Line(s, (box[0] + 2, box[1] + 2 + line_step * k, box[2] - 2,
                              box[1] + 2 + line_height + line_step * k))
                     for k, s in enumerate(t.split("\n"))] if t else []
            cells.append(GridCell(r, c, 1, 1, box, lines))
    return GridTable(page, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)


def assemble(*tables: GridTable):
    """The tables read by the assembler as if found on their pages: (the assembler, the report)."""
    from izlem_audit.assembling import Assembler

    asm = Assembler()
    for t in tables:
        asm.feed(Block(t.page, t.bbox[1], table=t))
    return asm, asm.finish()


def cli(*args: str, cwd: Path | None = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    """``izlem-audit ARGS`` as a user runs it: a new process, its exit code and both streams."""
    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def one_line(proc: subprocess.CompletedProcess) -> str:
    """Bad input: exit 2 and one line on stderr, no traceback; the line."""
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]
