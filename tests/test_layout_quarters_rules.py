"""The value reached (C) of a report with one column per quarter: what C is by the gösterge's kind, the rule that
judges a printed C against its quarters (IZ510) on both sides of its tolerance, and the series rules (IZ501)
and the rate check (IZ101) reading the quarters and C as they should."""

from __future__ import annotations

import pytest

from izlem_audit.recomputing import formulas as fx
from izlem_audit.recomputing.series import series_kind
from izlem_audit.rules.engine import run_rules
from factories import gosterge, hedef, period, report


def _g(quarters, reached, *, target, baseline=None, unit="adet", name=None, decimals=0, rate=None, weight=100):
    """A gösterge of a 12-month report: four quarter columns, C and its printed rate."""
    g = gosterge(1, weight, target, [period(m, q, None, decimals=decimals) for m, q in zip((3, 6, 9, 12), quarters)],
                 unit=unit, baseline=baseline, name=name, decimals=decimals)
    a = baseline or 0.0
    if rate is None:
        rate = round((reached - a) / (target - a) * 100, 2)
    g.reached = period(12, reached, rate, "Sapmanın nedeni: ihale süreci uzamıştır.", decimals=decimals)
    return g


def _findings(g, rule_id):
    r = g.reached.reported_rate
    return [f for f in run_rules(report(hedef([g], r)))[0] if f.rule == rule_id]


# ---------------------------------------------------------------- formulas


def test_reached_from_periods_by_kind():
    assert fx.reached_from_periods("flow", [12, 18, 9, 15]) == 54
    assert fx.reached_from_periods("cumulative", [800, 1900, 2600, 3400]) == 3400
    assert fx.reached_from_periods("level", [73.1, 75.4, 77.25, 79.6]) == 79.6
    assert fx.reached_from_periods("flow", []) is None
    assert fx.reached_from_periods("other", [1.0]) is None


def test_reached_tolerance_carries_every_quarter_of_a_sum_but_one_of_a_last():
    halves = [0.005] * 4
    assert fx.reached_tolerance("flow", halves, 0.005) == pytest.approx(0.025)
    assert fx.reached_tolerance("cumulative", halves, 0.005) == pytest.approx(0.01)
    assert fx.reached_tolerance("level", [], 0.5) == 0.5


@pytest.mark.parametrize("name,unit,target,baseline,kind,stated", [
    ("Yıl içinde düzenlenen etkinlik sayısı (adet)", "adet", 50, None, "flow", True),
    ("Yıl içerisinde toplanan atık miktarı (ton)", "ton", 1400, None, "flow", True),
    ("Yıl içinde meydana gelen iş kazası sayısı (adet)", "adet", 30, 40, "flow", True),  # decreasing, still a sum
    ("Tahsilat oranı (%)", "%", 80, 72, "level", True),
    ("Ortalama başvuru yanıt süresi (gün)", "gün", 7, 12, "level", True),
    ("Kişi başına düşen aktif yeşil alan (m²)", "m²", 7, 6.2, "level", True),
    ("Bekleyen dosya sayısı (adet)", "adet", 100, 400, "level", True),  # meant to fall: a level
    ("Toplam bisiklet yolu uzunluğu (km)", "km", 60, 45, "cumulative", True),
    ("Dikilen ağaç sayısı (adet)", "adet", 4000, None, "cumulative", False),  # assumed from the count unit
    ("Dağıtılan fidan (fidan)", "fidan", 500, None, None, False),  # an unknown unit: kind not known
])
def test_series_kind(name, unit, target, baseline, kind, stated):
    g = gosterge(1, 100, target, [], unit=unit, baseline=baseline, name=name)
    g.unit_known = unit != "fidan"
    k = series_kind(g)
    assert (k.kind, k.stated) == (kind, stated)


# ---------------------------------------------------------------- IZ510, both sides


def test_iz510_flow_sum_passes_and_one_off_is_an_error():
    name = "Yıl içinde düzenlenen etkinlik sayısı (adet)"
    assert _findings(_g([12, 18, 9, 15], 54, target=60, name=name), "IZ510") == []
    found = _findings(_g([12, 18, 9, 15], 55, target=60, name=name), "IZ510")
    assert [(f.severity, f.reported, f.expected, f.item, f.period) for f in found] == [
        ("error", 55.0, 54.0, "PG1", 12)]


def test_iz510_flow_printed_as_its_last_quarter_says_so():
    found = _findings(_g([12, 18, 9, 15], 15, target=60, name="Yıl içinde düzenlenen etkinlik sayısı (adet)"),
                      "IZ510")
    assert [(f.severity, f.expected) for f in found] == [("error", 54.0)]
    assert "son dönemin" in found[0].message


def test_iz510_rounding_of_a_sum_of_decimals_is_tolerated():
    name = "Yıl içinde toplanan ambalaj atığı miktarı (ton)"
    q = [310.50, 365.25, 402.75, 348.00]  # 1.426,50
    assert _findings(_g(q, 1426.52, target=1400, unit="ton", name=name, decimals=2), "IZ510") == []  # 0,02 ≤ 0,025
    found = _findings(_g(q, 1426.53, target=1400, unit="ton", name=name, decimals=2), "IZ510")  # 0,03 > 0,025
    assert [f.rule for f in found] == ["IZ510"]
    found = _findings(_g(q, 1427.50, target=1400, unit="ton", name=name, decimals=2), "IZ510")
    assert [(f.severity, f.expected) for f in found] == [("error", 1426.5)]


def test_iz510_level_must_be_the_last_quarter():
    q = [57.00, 60.50, 63.00, 66.40]
    ok = _g(q, 66.40, target=70, baseline=55, unit="%", name="Evde bakım hizmeti oranı (%)", decimals=2)
    assert _findings(ok, "IZ510") == []
    bad = _g(q, 67.40, target=70, baseline=55, unit="%", name="Evde bakım hizmeti oranı (%)", decimals=2)
    assert [(f.severity, f.reported, f.expected) for f in _findings(bad, "IZ510")] == [("error", 67.4, 66.4)]


def test_iz510_assumed_running_total_added_up_is_a_warning():
    q = [800, 1900, 2600, 3400]
    assert _findings(_g(q, 3400, target=4000, name="Dikilen ağaç sayısı (adet)"), "IZ510") == []
    found = _findings(_g(q, 8700, target=9000, name="Dikilen ağaç sayısı (adet)"), "IZ510")
    assert [(f.severity, f.expected) for f in found] == [("warning", 3400.0)]
    assert "toplanmış olabilir" in found[0].message and "varsayıldı" in found[0].message


def test_iz510_unknown_kind_only_when_neither_reading_fits():
    def g(c):
        x = _g([100, 150, 120, 130], c, target=600, unit="fidan", name="Dağıtılan fidan (fidan)")
        x.unit_known = False
        return x

    assert _findings(g(130), "IZ510") == [] and _findings(g(500), "IZ510") == []
    found = _findings(g(510), "IZ510")
    assert [(f.severity, f.reported) for f in found] == [("warning", 510.0)]


def test_iz510_english_message():
    from izlem_audit.rules.engine import run_rules as run

    g = _g([12, 18, 9, 15], 15, target=60, name="Yıl içinde düzenlenen etkinlik sayısı (adet)")
    found = [f for f in run(report(hedef([g], g.reached.reported_rate)), lang="en")[0] if f.rule == "IZ510"]
    assert found and "within-year figure" in found[0].message and "sum of the periods" in found[0].message


# ---------------------------------------------------------------- the series rules and the rate on C


def test_iz501_reads_quarters_of_a_running_total_not_of_a_within_year_figure():
    running = _g([1200, 2650, 2500, 5400], 5400, target=6000, unit="kişi", name="Eğitim verilen kişi sayısı (kişi)")
    assert [(f.period, f.reported, f.expected) for f in _findings(running, "IZ501")] == [(9, 2500.0, 2650.0)]
    fine = _g([1200, 2650, 3900, 5400], 5400, target=6000, unit="kişi", name="Eğitim verilen kişi sayısı (kişi)")
    assert _findings(fine, "IZ501") == []
    flow = _g([12, 18, 9, 15], 54, target=60, name="Yıl içinde düzenlenen etkinlik sayısı (adet)")
    assert _findings(flow, "IZ501") == []  # each quarter's own figure may fall


def test_rate_is_checked_on_c_not_on_the_quarters():
    name = "Yıl içinde düzenlenen etkinlik sayısı (adet)"
    g = _g([12, 18, 9, 15], 54, target=60, name=name)  # 90,00
    assert _findings(g, "IZ101") == [] and _findings(g, "IZ103") == []
    off = _g([12, 18, 9, 15], 54, target=60, name=name, rate=91.0)
    assert [(f.period, f.reported, round(f.expected, 2)) for f in _findings(off, "IZ101")] == [(12, 91.0, 90.0)]


# ---------------------------------------------------------------- the overall rate's decimals


@pytest.mark.parametrize("line,figure,value", [
    ("2025 yılı sonunda idarenin yıllık gerçekleşme oranı %91,88 olmuştur.", "91", 91.88),
    ("yıllık gerçekleşme oranı 61,5% olarak", "61", 61.5),
    ("yıllık gerçekleşme oranı yaklaşık %34", "34", 34.0),
    ("genel performans düzeyi %7, hedef %75,20", "7", 7.0),  # the figure's own decimals, not a later one's
])
def test_overall_rate_keeps_its_printed_decimals(line, figure, value):
    from izlem_audit.assembling.summary import _as_printed

    assert _as_printed(line, figure) == value


def test_value_to_date_by_kind():
    from izlem_audit.recomputing.series import value_to_date

    flow = _g([12, 18, 9, 15], 54, target=60, name="Yıl içinde düzenlenen etkinlik sayısı (adet)")
    assert [value_to_date(flow, m) for m in (3, 6, 9, 12)] == [12.0, 30.0, 39.0, 54.0]
    running = _g([800, 1900, 2600, 3400], 3400, target=4000, name="Dikilen ağaç sayısı (adet)")
    assert value_to_date(running, 6) == 1900.0 and value_to_date(running, 7) is None
    unknown = _g([100, 150, 120, 130], 500, target=600, unit="fidan", name="Dağıtılan fidan (fidan)")
    unknown.unit_known = False
    assert value_to_date(unknown, 6) is None
