"""The period vocabulary (normalising/periods.py): every accepted form, the refused near-misses, and its use by
the layout readers (a month column written out, ``I. Dönem`` settled by the block, another year refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from izlem_audit.assembling.assembler import Assembler
from izlem_audit.normalising.periods import (CUMULATIVE, END, WITHIN, parse_period, period_end, resolve_periods,
                                             vocabulary_markdown)
from izlem_audit.reading.page import Block, GridTable, Line
from helpers import grid as ruled_table

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("label,start,end,basis", [
    # a month number or name in an Ay / Dönem column
    ("3", 3, 3, END), ("6.", 6, 6, END), ("6. Ay", 6, 6, END), ("6.ay", 6, 6, END), ("12", 12, 12, END),
    ("Haziran", 6, 6, END), ("HAZİRAN", 6, 6, END), ("Haziran Ayı", 6, 6, END),
    # ranges from January: cumulative
    ("Ocak-Mart", 1, 3, CUMULATIVE), ("Ocak – Haziran", 1, 6, CUMULATIVE), ("OCAK-HAZİRAN", 1, 6, CUMULATIVE),
    ("OCAK - HAZIRAN", 1, 6, CUMULATIVE), ("ocak—haziran", 1, 6, CUMULATIVE), ("Ocak \u2212 Eylül", 1, 9, CUMULATIVE),
    ("  Ocak  -   Mart ", 1, 3, CUMULATIVE), ("Ocak ile Haziran", 1, 6, CUMULATIVE), ("(Ocak-Haziran)", 1, 6, CUMULATIVE),
    ("Ocak-Haziran Dönemi", 1, 6, CUMULATIVE), ("Ocak-Haziran kümülatif", 1, 6, CUMULATIVE),
    ("Ocak-Haziran (Kümülatif)", 1, 6, CUMULATIVE), ("6. Ay Kümülatif", 1, 6, CUMULATIVE),
    ("Ocak-Hazir an", 1, 6, CUMULATIVE),  # a word broken inside a narrow cell
    # ranges within the year
    ("Nisan-Haziran", 4, 6, WITHIN), ("NİSAN–HAZİRAN", 4, 6, WITHIN), ("Temmuz - Eylül Dönemi", 7, 9, WITHIN),
    # spans from January
    ("6 Aylık", 1, 6, CUMULATIVE), ("6 Ay", 1, 6, CUMULATIVE), ("6 Aylık Gerçekleşme", 1, 6, CUMULATIVE),
    ("Haziran Sonu", 1, 6, CUMULATIVE), ("12 Aylık", 1, 12, CUMULATIVE), ("Yıl Sonu", 1, 12, CUMULATIVE),
    ("YIL SONU", 1, 12, CUMULATIVE), ("Yılsonu", 1, 12, CUMULATIVE), ("Yıllık", 1, 12, CUMULATIVE),
    # quarters
    ("I. Çeyrek", 1, 3, WITHIN), ("1. Çeyrek", 1, 3, WITHIN), ("1.Çeyrek", 1, 3, WITHIN), ("II. ÇEYREK", 4, 6, WITHIN),
    ("İkinci Çeyrek", 4, 6, WITHIN), ("2. Üç Aylık", 4, 6, WITHIN), ("II. Üç Ay", 4, 6, WITHIN), ("Q1", 1, 3, WITHIN),
    ("Q4", 10, 12, WITHIN), ("IV. Çeyrek", 10, 12, WITHIN),
    # half-years
    ("1. Altı Ay", 1, 6, WITHIN), ("I. Altı Aylık", 1, 6, WITHIN), ("Birinci Altı Ay", 1, 6, WITHIN),
    ("İlk Altı Ay", 1, 6, WITHIN), ("2. Altı Ay", 7, 12, WITHIN), ("İkinci Altı Aylık", 7, 12, WITHIN),
    ("H2", 7, 12, WITHIN), ("1. Yarıyıl", 1, 6, WITHIN),
    # third and fourth Dönem are quarters
    ("III. Dönem", 7, 9, WITHIN), ("3. Dönem", 7, 9, WITHIN), ("Dördüncü Dönem", 10, 12, WITHIN),
    # a bracket that agrees
    ("I. Dönem (Ocak-Mart)", 1, 3, CUMULATIVE), ("II. Dönem (Nisan-Haziran)", 4, 6, WITHIN),
    ("II. Dönem (Ocak-Haziran)", 1, 6, CUMULATIVE), ("II. Dönem (Temmuz-Aralık)", 7, 12, WITHIN),
    ("2. Çeyrek (Nisan-Haziran)", 4, 6, WITHIN), ("6 Aylık (Ocak-Haziran)", 1, 6, CUMULATIVE),
])
def test_accepted_forms(label, start, end, basis):
    p = parse_period(label)
    assert p is not None, label
    assert (p.start, p.end, p.basis) == (start, end, basis)
    assert p.alternative is None


@pytest.mark.parametrize("label", [
    "Ekim-Mart", "Mart-Mart", "Nisan-Haziran Kümülatif", "II. Çeyrek Kümülatif", "2. Altı Ay kümülatif",
    "Son Çeyrek", "Son Dönem", "13", "0. Ay", "5. Çeyrek", "Ocak-Mart-Haziran", "Mart?", "Ay", "Dönem", "",
    "Gerçekleşme", "İzleme Dönemi", "Ocak Mart", "3 6", "2024-2025 Ocak-Mart", "2. Çeyrek (Ocak-Mart)",
    "I. Dönem (Temmuz-Eylül)", "Nisan-Haziran (Ocak-Haziran)", "Ocak-", "Hedef",
])
def test_refused(label):
    assert parse_period(label) is None


def test_a_year_is_kept_for_the_caller():
    assert parse_period("Ocak-Mart 2024").year == 2024
    assert parse_period("2025 Yılı 6 Aylık").year == 2025
    assert parse_period("Ocak-Mart").year is None


@pytest.mark.parametrize("label", ["I. Dönem", "1. Dönem", "Birinci Dönem", "II. Dönem", "İkinci Dönem"])
def test_first_and_second_donem_are_a_quarter_or_a_half(label):
    p = parse_period(label)
    assert p is not None and p.alternative is not None and p.confidence < 0.8
    assert (p.end, p.alternative[1]) in ((3, 6), (6, 12))


def test_resolve_by_the_other_labels():
    q = resolve_periods(["I. Dönem", "II. Dönem", "III. Dönem"])
    assert [(p.start, p.end) for p in q] == [(1, 3), (4, 6), (7, 9)]
    h = resolve_periods(["I. Dönem", "2. Altı Ay"])
    assert [(p.start, p.end) for p in h] == [(1, 6), (7, 12)]
    assert resolve_periods(["I. Dönem", "Nisan-Haziran"])[0].end == 3


def test_resolve_by_the_report_period():
    assert [p.end for p in resolve_periods(["I. Dönem", "II. Dönem"], 6)] == [3, 6]  # a 6-month report: quarters
    assert [p.end for p in resolve_periods(["I. Dönem", "II. Dönem"], 12)] == [6, 12]  # a yearly one: halves
    assert [p.end for p in resolve_periods(["I. Dönem"], 6)] == [6]
    assert all(p.confidence == 0.8 for p in resolve_periods(["I. Dönem", "II. Dönem"], 6))
    # no sign: unknown, never guessed
    assert resolve_periods(["I. Dönem", "II. Dönem"]) == [None, None]
    assert resolve_periods(["I. Dönem", "II. Dönem"], 9) == [None, None]


def test_header_period_columns_end_at_a_quarter():
    assert [period_end(t) for t in ("Ocak-Mart", "Nisan-Haziran", "III. Dönem", "Yıl Sonu", "6 Aylık Gerçekleşme")] \
        == [3, 6, 9, 12, 6]
    # a month of no quarter, a bare month and a field's label are no period column
    assert [period_end(t) for t in ("Ocak-Ağustos", "6", "Haziran", "Yıl Sonu Gerçekleşme Değeri",
                                    "Yıllık Gerçekleşme", "2025 Yılı Hedefi", "Kümülatif Gerçekleşme")] == [None] * 7


def test_docs_show_the_vocabulary():
    doc = (ROOT / "docs" / "period-vocabulary.md").read_text(encoding="utf-8")
    assert doc == vocabulary_markdown(), \
        "regenerate: python -m izlem_audit.normalising.periods > docs/period-vocabulary.md"


# ---------------------------------------------------------------------------------------------- in the readers
def grid(rows: list[list[str]], page: int = 1, top: float = 100.0) -> GridTable:
    """A ruled table, one cell per string; a string with newlines is a cell of several lines (rows 30 points)."""
    return ruled_table(rows, page, top, row_height=30.0, line_height=8.0)


LABELS = [["Amaç (A1)", "Hizmet kalitesini artırmak"], ["Hedef (H1)", "Ulaşımı iyileştirmek"]]
HEAD = ["Sıra No", "Gösterge Kodu", "Gösterge Adı", "Hedef Etkisi %", "Hedef", "Ay", "Gerçekleşme",
        "Gerçekleşme Oranı %"]


def read(rows: list[list[str]], title: str = "2025 YILI PERFORMANS PROGRAMI 6 AYLIK İZLEME RAPORU"):
    from izlem_audit.reading.page import TextLine
    asm = Assembler()
    if title:
        asm.feed(Block(1, 10.0, text=TextLine(1, Line(title, (40, 10, 400, 20)))))
    asm.feed(Block(1, 40.0, table=grid(LABELS, top=40.0)))
    asm.feed(Block(1, 100.0, table=grid([HEAD, *rows], top=100.0)))
    return asm.finish()


def months_and_issues(report):
    g = report.hedefler[0].gostergeler
    return [[(p.month, p.actual) for p in x.periods] for x in g], [(i.kind, i.detail.get("text")) for i in report.issues]


def test_monthly_rows_written_out_ranges():
    # the gap this module closes: "Ocak-Mart" in the month column read as one period, not as 1 and 3
    rows = [["1", "PG1", "Yol (km)", "100", "10", "Ocak-Mart", "4", "40,00"],
            ["", "", "", "", "", "Ocak – Haziran", "8", "80,00"],
            ["2", "PG2", "Park (adet)", "100", "20", "Ocak-Mart\nOcak-Haziran", "5\n10", "25,00\n50,00"]]
    months, issues = months_and_issues(read(rows))
    assert months == [[(3, 4), (6, 8)], [(3, 5), (6, 10)]]
    assert issues == []


def test_monthly_rows_label_wrapped_over_lines():
    rows = [["1", "PG1", "Yol (km)", "100", "10", "Ocak-\nMart\nOcak-\nHaziran", "4\n8", "40,00\n80,00"]]
    months, issues = months_and_issues(read(rows))
    assert months == [[(3, 4), (6, 8)]]
    assert issues == []


def test_monthly_rows_numbers_still_read():
    rows = [["1", "PG1", "Yol (km)", "100", "10", "3\n6", "4\n8", "40,00\n80,00"]]
    assert months_and_issues(read(rows)) == ([[(3, 4), (6, 8)]], [])


def test_unknown_label_is_a_reading_problem_and_the_row_is_kept():
    rows = [["1", "PG1", "Yol (km)", "100", "10", "Ocak-Mart", "4", "40,00"],
            ["", "", "", "", "", "Son Çeyrek", "8", "80,00"]]
    report = read(rows)
    months, issues = months_and_issues(report)
    assert months == [[(3, 4), (None, 8)]]  # the value kept, with no period
    assert issues == [("period_label_unknown", "Son Çeyrek")]
    assert report.issues[0].origin == "reader"


def test_another_year_is_a_reading_problem():
    rows = [["1", "PG1", "Yol (km)", "100", "10", "Ocak-Mart 2024", "4", "40,00"],
            ["", "", "", "", "", "Ocak-Haziran 2025", "8", "80,00"]]
    months, issues = months_and_issues(read(rows))
    assert months == [[(None, 4), (6, 8)]]
    assert issues == [("period_other_year", "Ocak-Mart 2024")]


def test_first_donem_settled_by_the_block():
    rows = [["1", "PG1", "Yol (km)", "100", "10", "I. Dönem", "4", "40,00"],
            ["", "", "", "", "", "II. Dönem", "8", "80,00"]]
    # a 6-month report: the two Dönem are its quarters
    assert months_and_issues(read(rows)) == ([[(3, 4), (6, 8)]], [])
    # a yearly report: its halves
    yearly = "2025 YILI PERFORMANS PROGRAMI 12 AYLIK İZLEME RAPORU"
    assert months_and_issues(read(rows, yearly)) == ([[(6, 4), (12, 8)]], [])
    # no period known: neither is guessed
    months, issues = months_and_issues(read(rows, ""))
    assert months == [[(None, 4), (None, 8)]]
    assert issues == [("period_label_unknown", "I. Dönem"), ("period_label_unknown", "II. Dönem")]


# ------------------------------------------------------------------------------ a period's own value, by its label
def _count_rows(label3: str, label6: str) -> list[list[str]]:
    return [["1", "PG1", "Düzenlenen etkinlik sayısı (adet)", "100", "100", label3, "30", "30,00"],
            ["", "", "", "", "", label6, "20", "20,00"]]


def test_months_after_january_spelled_out_are_the_periods_own():
    """'Nisan-Haziran' says the row's count is the quarter's own: no 'running count fell' error (IZ501), the
    kind is a within-year figure stated by the label, and the value to date is the sum."""
    from izlem_audit.recomputing.series import series_kind, value_to_date
    from izlem_audit.rules.engine import run_rules

    report = read(_count_rows("Ocak-Mart", "Nisan-Haziran"))
    g = report.hedefler[0].gostergeler[0]
    assert [(p.month, p.start) for p in g.periods] == [(3, None), (6, 4)]
    kind = series_kind(g)
    assert (kind.kind, kind.stated, kind.why) == ("flow", True, "Nisan-Haziran")
    assert value_to_date(g, 6) == 50.0
    assert [f.rule for f in run_rules(report)[0] if f.rule == "IZ501"] == []


@pytest.mark.parametrize("label3,label6", [("Ocak-Mart", "Ocak-Haziran"), ("3", "6"), ("I. Çeyrek", "II. Çeyrek")])
def test_a_running_count_that_falls_is_still_found(label3, label6):
    """The other side: spans from January, month numbers, and ordinals alone (which name the period but not its
    basis) keep the count a running total, and a fall from 30 to 20 is IZ501."""
    from izlem_audit.rules.engine import run_rules

    report = read(_count_rows(label3, label6))
    g = report.hedefler[0].gostergeler[0]
    assert [p.month for p in g.periods] == [3, 6] and all(p.start is None for p in g.periods)
    assert [(f.rule, f.reported, f.expected) for f in run_rules(report)[0] if f.rule == "IZ501"] == [
        ("IZ501", 20.0, 30.0)]


# ------------------------------------------------------------------------------ the quarter-columns header
def read_quarters(third: str):
    from izlem_audit.reading.page import TextLine
    asm = Assembler()
    asm.feed(Block(1, 10.0, text=TextLine(1, Line("2025 YILI PERFORMANS PROGRAMI 12 AYLIK İZLEME RAPORU",
                                                  (40, 10, 400, 20)))))
    asm.feed(Block(1, 40.0, table=grid([["A1", "Hizmet"], ["H1.1", "Ulaşım"]], top=40.0)))
    head = ["Performans Göstergesi", "Hedefe Etkisi (%)", "Plan Dönemi Başlangıç Değeri (A)",
            "İzleme Dönemindeki Yılsonu Hedeflenen Değer (B)", "Ocak-Mart", "Ocak-Haziran", third, "Ekim-Aralık",
            "İzleme Dönemindeki Gerçekleşme Değeri (C)", "Performans (%)"]
    row = ["PG1.1.1: Yol (km)", "100", "0", "100", "20", "40", "60", "80", "80", "80,00"]
    asm.feed(Block(1, 100.0, table=grid([head, row], top=100.0)))
    return asm.finish()


@pytest.mark.parametrize("third,months,issues", [
    ("Temmuz-Eylül", [3, 6, 9, 12], []),
    ("Ocak-Eylül 2025", [3, 6, 9, 12], []),
    # a period ending in no quarter's month, and a column of another year: said, not read as a period
    ("Ocak-Ağustos", [3, 6, 12], [("period_column_unknown", "Ocak-Ağustos")]),
    ("Ocak-Eylül 2024", [3, 6, 12], [("period_column_unknown", "Ocak-Eylül 2024")]),
])
def test_quarter_columns_read_by_the_vocabulary(third, months, issues):
    from izlem_audit.rules.engine import run_rules

    report = read_quarters(third)
    assert report.layout == "guide_quarters"
    g = report.hedefler[0].gostergeler[0]
    assert [p.month for p in g.periods] == months and g.reached.actual == 80.0
    assert [(i.kind, i.detail["text"]) for i in report.issues] == issues
    assert all(i.origin == "reader" for i in report.issues)
    findings = run_rules(report)[0]
    assert [f.rule for f in findings if f.severity == "error"] == []
    if issues:  # the user reads which column was not read
        assert any(issues[0][1] in f.message for f in findings)


# ------------------------------------------------------------------------------ spelling variants read the same
_DASH_KINDS = ("-", "–", "—", "−", "‐", " - ", " – ", "  -  ")


@pytest.mark.parametrize("label", ["Ocak-Mart", "Nisan-Haziran", "Ocak-Haziran Kümülatif", "Temmuz-Eylül Dönemi",
                                   "II. Dönem (Nisan-Haziran)", "2. Çeyrek (Nisan-Haziran)"])
def test_dash_case_and_space_variants_read_the_same(label):
    """Every dash, Turkish capitals (İ/I), lower case and runs of spaces give the same reading as printed."""
    from izlem_audit.normalising.text import tr_lower, tr_upper

    want = parse_period(label)
    assert want is not None
    variants = {label.replace("-", d) for d in _DASH_KINDS}
    variants |= {tr_upper(v) for v in list(variants)} | {tr_lower(v) for v in list(variants)}
    variants |= {"  " + v.replace(" ", "   ") + " " for v in list(variants)}
    wrong = [v for v in variants if parse_period(v) != want]
    assert wrong == [] and len(variants) > 20
