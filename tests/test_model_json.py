"""The report@1 JSON of the model: what extract and check write stays byte for byte what the hand-written
to_dict/from_dict pairs wrote (tests/legacy_report_json.py, the oracle), and whatever the model holds reads back
as itself."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import izlem_audit.model as M
from izlem_audit.extract import extract, extract_draft
from izlem_audit.output.check_json import strict_dumps, write_json
from izlem_audit.output.extract_formats import to_json
from izlem_audit.rules.engine import run_rules

import legacy_report_json as legacy

ROOT = Path(__file__).resolve().parents[1]
CLASSES = [M.Cell, M.Evidence, M.Period, M.Gosterge, M.Faaliyet, M.Hedef, M.SummaryPH, M.SummaryHedef,
           M.SummaryCounts, M.SummaryAmac, M.DeclaredTotals, M.Summary, M.StructureIssue, M.TableReading, M.Source,
           M.Report]
PDFS = ["cigli-2024-6-libreoffice", "cigli-2024-6-chromium-portrait", "rehber-2025-6-reportlab",
        "dereboyu-2025-6-reportlab",
        # fields added to the model since report@1: reached (quarter columns), period_value (key/value box)
        "kuzeytepe-2025-12-reportlab", "akcay-2025-9-reportlab", "akcay-2025-faaliyet-reportlab"]
DRAFTS = ["cigli-2024-6.docx", "rehber-2025-6.xlsx"]


@pytest.fixture(scope="module")
def reports() -> dict[str, M.Report]:
    out = {name: extract(ROOT / "fixtures" / "pdfs" / f"{name}.pdf", engine="pdfium") for name in PDFS}
    for name in DRAFTS:
        path = ROOT / "fixtures" / "drafts" / name
        out[name] = extract_draft(path, path.suffix[1:])
    return out


def _legacy(monkeypatch) -> None:
    """Every class of the model serialised by the hand-written functions, for the rest of the context."""
    for cls in CLASSES:
        monkeypatch.setattr(cls, "to_dict", lambda self, evidence=True: legacy.to_dict(self, evidence))
        if hasattr(legacy, f"_{cls.__name__}_from_dict"):  # Source was read inline by Report's
            monkeypatch.setattr(cls, "from_dict", classmethod(lambda c, d: legacy.from_dict(c, d)))


def _outputs(report: M.Report) -> tuple[str, str, str]:
    findings, rc = run_rules(report)
    check = io.StringIO()
    write_json(report, findings, rc, check)
    return to_json(report), check.getvalue(), strict_dumps(report.to_dict(evidence=False), indent=1)


def test_the_oracle_is_the_hand_written_code(reports, monkeypatch):
    """The oracle is in force inside the context (else the comparison below would compare the code with itself)."""
    report = reports[PDFS[0]]
    with monkeypatch.context() as m:
        _legacy(m)
        assert M.Cell.to_dict.__code__.co_filename.endswith("test_model_json.py")
        old = report.to_dict()
    assert old == legacy.to_dict(report)


@pytest.mark.parametrize("name", PDFS + DRAFTS)
def test_extract_and_check_json_unchanged_byte_for_byte(name, reports, monkeypatch):
    report = reports[name]
    new = _outputs(report)
    with monkeypatch.context() as m:
        _legacy(m)
        old = _outputs(report)
    assert len(new[0]) > 1000 and '"hedefler"' in new[0]
    assert new == old


@pytest.mark.parametrize("name", PDFS + DRAFTS)
def test_from_dict_reads_what_the_hand_written_code_read(name, reports):
    report = reports[name]
    for d in (json.loads(to_json(report)), report.to_dict(evidence=False)):
        assert M.Report.from_dict(d) == legacy.from_dict(M.Report, d)
        again = M.Report.from_dict(d).to_dict(evidence="evidence" in d["hedefler"][0])
        assert again == d


@pytest.mark.parametrize("truth", sorted((ROOT / "fixtures" / "truth").glob("*.json")), ids=lambda p: p.stem)
def test_truths_read_alike(truth):
    d = json.loads(truth.read_text(encoding="utf-8"))
    assert M.Report.from_dict(d) == legacy.from_dict(M.Report, d)
    assert strict_dumps(M.Report.from_dict(d).to_dict(evidence=False)) == strict_dumps(d)


def test_a_document_of_another_schema_is_refused():
    with pytest.raises(ValueError):
        M.Report.from_dict({"schema": "izlem-audit/report@0"})


# ----------------------------------------------------------------------------- round trip of any model

_text = st.text(max_size=12)
_name = st.text(min_size=1, max_size=8)  # a reference or a code: never written empty
_num = st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False))
_page = st.one_of(st.none(), st.integers(1, 500))
_coord = st.floats(-1e4, 1e4, allow_nan=False).map(lambda v: round(v, 2))  # written with two decimals
_bbox = st.tuples(_coord, _coord, _coord, _coord)
_cell = st.builds(M.Cell, _text, _page, st.one_of(st.none(), _bbox), st.one_of(st.none(), _name),
                  st.lists(st.tuples(st.integers(1, 500), _bbox), max_size=2),
                  st.one_of(st.none(), st.floats(0, 100, allow_nan=False)))
_evidence = st.builds(M.Evidence, _page, st.one_of(st.none(), _bbox), st.dictionaries(_name, _cell, max_size=3),
                      st.one_of(st.none(), _name))
_period = st.builds(M.Period, st.one_of(st.none(), st.integers(1, 12)), _num, _num, _text, _evidence, _num)
_gosterge = st.builds(M.Gosterge, _name, _text, st.one_of(st.none(), _text), st.booleans(), _num, _num, _num,
                      st.lists(_period, max_size=3), st.one_of(st.none(), _name), st.one_of(st.none(), _name),
                      _evidence, st.one_of(st.none(), _period))
_faaliyet = st.builds(M.Faaliyet, _name, _text, _num, _num, _num, _text, st.one_of(st.none(), _name),
                      st.one_of(st.none(), _name), _evidence)
_hedef = st.builds(M.Hedef, _name, _name, st.one_of(st.none(), _name), _text, _text, _text, _text, _num,
                   st.dictionaries(_name, _name, max_size=3), _text, _page, st.lists(_gosterge, max_size=2),
                   st.lists(_faaliyet, max_size=2), _evidence)
_counts = st.builds(M.SummaryCounts, _page, _page, _page, _num, _evidence)
_ph = st.builds(M.SummaryPH, _name, _text, _text, _num, _num, _evidence)
_sh = st.builds(M.SummaryHedef, _name, _text, _text, _num, st.lists(_ph, max_size=2), _evidence)
_amac = st.builds(M.SummaryAmac, _name, _text, _num, st.lists(_sh, max_size=2), st.one_of(st.none(), _counts),
                  _evidence)
_declared = st.builds(M.DeclaredTotals, _page, _page, _page, _page, _evidence)
_summary = st.builds(M.Summary, st.lists(_amac, max_size=2), _num, _evidence, st.one_of(st.none(), _declared))
_issue = st.builds(M.StructureIssue, st.sampled_from(sorted(M.READER_KINDS) + ["value_in_wrong_column"]), _page,
                   st.one_of(st.none(), _bbox), st.one_of(st.none(), _name), st.one_of(st.none(), _name),
                   st.one_of(st.none(), _name), st.one_of(st.none(), _name), st.one_of(st.none(), st.integers(1, 12)),
                   st.dictionaries(_name, st.one_of(st.integers(), _text), max_size=2), st.one_of(st.none(), _name))
_table = st.builds(M.TableReading, _page, st.one_of(st.none(), _bbox), st.sampled_from(["gosterge", "faaliyet"]),
                   _name, st.floats(0, 1), st.lists(_text, max_size=3), st.sampled_from(["header", "labels"]),
                   st.dictionaries(_name, st.floats(0, 1), max_size=3), st.one_of(st.none(), _name))
_report = st.builds(M.Report, st.builds(M.Source, _text, _text, st.integers(0, 3000)), _text, _text,
                    st.one_of(st.none(), st.integers(2000, 2100)), _text, st.lists(_hedef, max_size=2), _summary,
                    st.lists(_issue, max_size=3), st.sampled_from(["pdfium", "pdfplumber", "camelot", "docx"]),
                    tables=st.lists(_table, max_size=2))


@given(_report)
def test_any_report_reads_back_as_itself(report):
    assert M.Report.from_dict(report.to_dict()) == report
    assert M.Report.from_dict(json.loads(strict_dumps(report.to_dict()))) == report


@given(_report, st.booleans())
def test_any_report_is_written_as_the_hand_written_code_wrote_it(report, evidence):
    assert strict_dumps(report.to_dict(evidence)) == strict_dumps(legacy.to_dict(report, evidence))
