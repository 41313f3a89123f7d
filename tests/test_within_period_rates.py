"""A row that holds its period's own value (``Nisan-Haziran``, ``Period.start``) may print the rate of that value or
of the value reached so far (the sum of the year's periods, the guide's C): either reconciles; a rate that fits
neither is IZ101 against the row's own value. A row labelled by month number has no such second reading."""

from __future__ import annotations

import pytest

from factories import Cell, gosterge, hedef, period, report
from izlem_audit.recomputing.report import recompute
from izlem_audit.rules.engine import run_rules


def _report(printed_rate: float, *, within: bool = True):
    """Target 100; January-March 20, April-June 30 (its own value; 50 reached by June)."""
    q1 = period(3, 20, 20.0)
    q2 = period(6, 30, printed_rate)
    if within:
        q1.start, q2.start = 1, 4
        q1.evidence.cells["month"] = Cell("Ocak-Mart", 1, (0, 0, 1, 1))
        q2.evidence.cells["month"] = Cell("Nisan-Haziran", 1, (0, 0, 1, 1))
    g = gosterge(1, 100, 100, [q1, q2], unit="adet")
    return report(hedef([g], printed_rate))


def _iz101(r):
    findings, _ = run_rules(r)
    return [(f.item, f.period, f.expected) for f in findings if f.rule == "IZ101" and f.severity in ("error", "warning")]


def test_the_rate_of_the_rows_own_value_reconciles():
    r = _report(30.0)
    assert _iz101(r) == []
    assert recompute(r).rates[-1].basis is None


def test_the_rate_of_the_value_to_date_reconciles_too():
    r = _report(50.0)
    assert _iz101(r) == []
    assert recompute(r).rates[-1].basis == "to_date"


@pytest.mark.parametrize("printed", [31.0, 49.0, 51.0])
def test_a_rate_one_point_off_both_readings_is_flagged_against_the_rows_own_value(printed):
    assert _iz101(_report(printed)) == [("PG1", 6, 30.0)]


def test_a_row_labelled_by_month_number_has_no_second_reading():
    """Month numbers (3, 6): the row's value is the value reached by then, 50 printed against 30 is an error."""
    assert _iz101(_report(50.0, within=False)) == [("PG1", 6, 30.0)]
