"""No printed number lost: every number printed inside a table region ends up in the report model or in a
reading problem with its page, box and text (src/izlem_audit/assembling/conservation.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from izlem_audit.assembling import assembler as asm_mod
from izlem_audit.extract import extract

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "fixtures" / "pdfs").glob("*.pdf"))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_numbers_seen_are_placed_or_reported(pdf: Path, engine: str):
    report = extract(pdf, engine=engine)
    n = report.numbers
    print(f"\n{pdf.name} [{engine}]: {n['seen']} numbers in table regions = {n['placed']} placed + "
          f"{n['reported']} reported")
    assert n["seen"] > 50
    assert n["seen"] == n["placed"] + n["reported"]
    # on the fixtures every number is placed: nothing had to be reported as unreadable
    assert n["reported"] == 0, [i.detail for i in report.issues if i.kind == "unplaced_number"][:5]


def test_a_dropped_row_is_reported_not_lost(monkeypatch):
    """Make the assembler skip one faaliyet row: its numbers come out as a reading problem, with page, box and
    text, and never as an error of the report."""
    from izlem_audit.rules.engine import failing, run_rules

    original = asm_mod.Assembler._faaliyet_row
    dropped: list = []

    def lossy(self, row):
        if not dropped and any(c.flat == "F3" for c in row.cells):
            dropped.append(row)
            return None
        return original(self, row)

    monkeypatch.setattr(asm_mod.Assembler, "_faaliyet_row", lossy)
    pdf = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-reportlab.pdf"
    report = extract(pdf, engine="pdfium")
    assert dropped, "the row to drop was not met"
    n = report.numbers
    assert n["seen"] == n["placed"] + n["reported"] and n["reported"] >= 3
    problems = [i for i in report.issues if i.kind == "unplaced_number"]
    row = dropped[0]
    mine = [i for i in problems if i.page == row.page and row.bbox[1] - 1 <= i.bbox[1] <= row.bbox[3] + 1]
    printed = {t for c in row.cells for t in c.flat.split()}
    assert mine and {t for i in mine for t in i.detail["numbers"]} <= printed
    assert all(i.origin == "reader" for i in problems)
    findings, _ = run_rules(report)
    reading = [f for f in findings if f.origin == "reader"]
    assert reading and all(f.category == "structure" for f in reading)
    assert not [f for f in failing(findings, "info") if f.origin == "reader"]


def test_checks_on_a_row_with_a_reading_problem_say_not_checked(monkeypatch):
    """Drop a gösterge row: its hedef's weights no longer sum to 100, but the check says it was not made
    (reading problem, page N) instead of raising IZ204 against the report."""
    from izlem_audit.rules.engine import failing, run_rules

    original = asm_mod.Assembler._gosterge_row
    dropped: list = []

    def lossy(self, row):
        h = self.current.hedef if self.current else None
        if not dropped and h is not None and (h.amac, h.hedef) == ("A1", "H2") and \
                any(c.flat == "PG2" for c in row.cells):
            dropped.append(row)
            return None
        return original(self, row)

    monkeypatch.setattr(asm_mod.Assembler, "_gosterge_row", lossy)
    report = extract(ROOT / "fixtures" / "pdfs" / "cigli-2024-6-reportlab.pdf", engine="pdfium")
    assert dropped
    problems = [i for i in report.issues if i.kind == "unplaced_number"]
    assert problems and {(i.amac, i.hedef) for i in problems} == {("A1", "H2")}
    findings, _ = run_rules(report)
    here = [f for f in findings if (f.amac, f.hedef) == ("A1", "H2") and f.origin == "report"]
    assert any(f.rule == "IZ204" for f in here)  # the weights check saw the hole ...
    assert all(f.severity == "info" for f in here if f.not_checked is not None)
    iz204 = next(f for f in here if f.rule == "IZ204")
    assert iz204.not_checked == dropped[0].page and "okuma sorunu" in iz204.message  # ... and says why not
    gate = [f for f in failing(findings, "warning") if (f.amac, f.hedef) == ("A1", "H2")]
    assert not [f for f in gate if f.item is None]  # the hedef's checks take every row: not made
    # a check on another row of the hedef, whose inputs were read, is still made (PG4's months, as printed)
    assert gate and {(f.rule, f.item) for f in gate} == {("IZ504", "PG4")}


def test_unchanged_report_has_the_same_failing_findings():
    """Without reading problems nothing is marked not checked."""
    from izlem_audit.rules.engine import run_rules

    report = extract(ROOT / "fixtures" / "pdfs" / "cigli-2024-6-reportlab.pdf", engine="pdfium")
    findings, _ = run_rules(report)
    assert not [f for f in findings if f.origin == "reader" or f.not_checked is not None]


def test_reading_problems_have_their_own_section(monkeypatch, tmp_path):
    """Console and check@1 JSON: reading problems apart from the report's findings, not counted as errors; the
    check they kept from being made says so."""
    import json

    from typer.testing import CliRunner

    from izlem_audit.cli import app

    original = asm_mod.Assembler._gosterge_row
    dropped: list = []

    def lossy(self, row):
        h = self.current.hedef if self.current else None
        if not dropped and h is not None and (h.amac, h.hedef) == ("A3", "H1") and \
                any(c.flat.startswith("PG3.1.1") for c in row.cells):
            dropped.append(row)
            return None
        return original(self, row)

    monkeypatch.setattr(asm_mod.Assembler, "_gosterge_row", lossy)
    pdf = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf"
    runner = CliRunner()
    res = runner.invoke(app, ["check", str(pdf), "-q"])
    assert dropped and "Okunamayan / emin olunamayan yerler" in res.output
    section = res.output.split("Okunamayan / emin olunamayan yerler", 1)[1]
    assert "OKUMA" in section and "IZ603" in section and "okuma sorunu" in res.output
    out = tmp_path / "c.json"
    dropped.clear()
    res = runner.invoke(app, ["check", str(pdf), "-q", "--format", "json", "--output", str(out)])
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["reading_problems"] and all(f["origin"] == "reader" for f in d["reading_problems"])
    assert all(f["origin"] == "report" for f in d["findings"])
    assert d["summary"]["reading_problems"] == len(d["reading_problems"])
    # H3.1's weights 40 + 30 + 20 = 90 is a real error of the fixture, but one of its rows was not read: the
    # check says it was not made instead of blaming the report
    iz204 = next(f for f in d["findings"] if f["rule"] == "IZ204" and f["hedef"] == "H1" and f["amac"] == "A3")
    assert iz204["severity"] == "info" and iz204["not_checked"]["reading_problem_page"] == dropped[0].page
