"""A value a rate needs that the reader did not get is a reading problem, never "not printed" (IZ103).

IZ103 says the report left a value out; it may say so only where the reader saw the cell printed empty (or with
a dash, or words alone). Where the reader found no cell for the value in the row, or a cell whose figures are
mixed with words (columns run together), it cannot tell what is printed: ``value_not_found``, origin reader, and
the checks of that gösterge become "not checked".
"""

from __future__ import annotations

import pytest

from factories import Cell, gosterge, hedef, period, report
from izlem_audit.assembling.hidden import report_values_not_found
from izlem_audit.rules.engine import run_rules


def _report(target_text: str | None, rate_text: str | None):
    """PG1 (target 10, month 6: actual 4, rate 40) with the target's and the rate's cells as given (None: no cell
    at all), their values unread unless the text is the plain figure; beside it PG2, the same figures, every cell
    printed (the table has the columns)."""
    p = period(6, 4, 40.0)
    g = gosterge(1, 50, 10, [p])
    if target_text is None:
        del g.evidence.cells["target"]
    if target_text != "10,00":
        g.target = None
        if target_text is not None:
            g.evidence.cells["target"] = Cell(target_text, 1, (0, 0, 1, 1))
    if rate_text is None:
        del p.evidence.cells["reported_rate"]
    if rate_text != "40,00":
        p.reported_rate = None
        if rate_text is not None:
            p.evidence.cells["reported_rate"] = Cell(rate_text, 1, (0, 0, 1, 1))
    r = report(hedef([g, gosterge(2, 50, 10, [period(6, 4, 40.0)])], 40.0))
    report_values_not_found(r)
    return r


def _problems(r):
    return [(i.kind, i.item, i.period, i.detail["field"]) for i in r.issues]


def _errors(r):
    findings, _ = run_rules(r)
    return sorted(f.rule for f in findings if f.severity == "error")


def test_a_complete_row_gives_nothing():
    r = _report("10,00", "40,00")
    assert _problems(r) == [] and _errors(r) == []


@pytest.mark.parametrize("printed", ["", "-", "—", "Veri yok"])
def test_a_value_printed_empty_or_as_words_is_not_printed(printed):
    """The cell is there and holds no figure: the report left it out (IZ103), no reading problem."""
    r = _report("10,00", printed)
    assert _problems(r) == []
    assert _errors(r) == ["IZ103"]


def test_no_cell_for_the_rate_is_a_reading_problem_not_an_error():
    r = _report("10,00", None)
    assert _problems(r) == [("value_not_found", "PG1", 6, "reported_rate")]
    findings, _ = run_rules(r)
    assert [f.rule for f in findings if f.severity == "error"] == []
    iz103 = [f for f in findings if f.rule == "IZ103"]
    assert iz103 and all(f.not_checked is not None for f in iz103)
    reading = [f for f in findings if f.origin == "reader"]
    assert [f.params["kind"] for f in reading] == ["value_not_found"]
    assert "oran değeri okunamadı" in reading[0].message


def test_no_cell_for_the_target_is_a_reading_problem_not_an_error():
    r = _report(None, "40,00")
    assert _problems(r) == [("value_not_found", "PG1", 6, "target")]
    assert _errors(r) == []


def test_figures_mixed_with_words_are_a_reading_problem():
    """An açıklama run into the rate's column: something is printed there, the tool cannot tell what."""
    r = _report("10,00", "1,11 belediye binası tören alanı")
    assert _problems(r) == [("value_not_found", "PG1", 6, "reported_rate")]
    assert r.issues[0].detail["text"].startswith("1,11 belediye")
    assert _errors(r) == []
    findings, _ = run_rules(r, lang="en")
    (reading,) = [f for f in findings if f.origin == "reader"]
    assert "the rate could not be read (the cell reads '1,11 belediye" in reading.message


def test_a_spreadsheet_hash_is_left_to_the_hidden_value_check():
    r = _report("10,00", "###")
    assert _problems(r) == []


def test_a_missing_cell_counts_only_where_the_table_has_the_column():
    """Two göstergeler: the second lacks the rate cell its neighbour has (the reader lost it): a reading problem;
    when neither has one (the table prints no rate for that month), nothing is reported by this check."""
    from factories import gosterge as g_, hedef as h_, period as p_, report as r_

    def two(second_has_rate: bool, first_has_rate: bool = True):
        a, b = p_(6, 4, 40.0), p_(6, 3, 30.0)
        if not first_has_rate:
            a.reported_rate = None
            del a.evidence.cells["reported_rate"]
        if not second_has_rate:
            b.reported_rate = None
            del b.evidence.cells["reported_rate"]
        r = r_(h_([g_(1, 50, 10, [a]), g_(2, 50, 10, [b])], 35.0))
        report_values_not_found(r)
        return [(i.item, i.detail["field"]) for i in r.issues]

    assert two(second_has_rate=True) == []
    assert two(second_has_rate=False) == [("PG2", "reported_rate")]
    assert two(second_has_rate=False, first_has_rate=False) == []
