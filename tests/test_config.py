"""Configuration files: thresholds, severities, disabled rules, suppressions with a mandatory reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from izlem_audit import config
from izlem_audit.errors import UserError
from izlem_audit.rules.engine import run_rules
from factories import good_hedef, gosterge, hedef, period, report


def write(tmp_path: Path, text: str, name: str = "izlem-audit.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def outlier_report():
    return report(hedef([gosterge(1, 100, 1, [period(6, 5, 500.0)], unit="adet")], 500.0))


def test_threshold_and_severity(tmp_path):
    cfg = config.load(write(tmp_path, '[thresholds]\noutlier_rate = 600\n'))
    assert [f.rule for f in run_rules(outlier_report(), cfg)[0]] == []
    cfg = config.load(write(tmp_path, '[rules.severity]\nIZ104 = "error"\n'))
    assert [(f.rule, f.severity) for f in run_rules(outlier_report(), cfg)[0]] == [("IZ104", "error")]


def test_disable(tmp_path):
    cfg = config.load(write(tmp_path, '[rules]\ndisable = ["IZ104"]\n'))
    assert run_rules(outlier_report(), cfg)[0] == []


def test_suppression_stays_visible(tmp_path):
    cfg = config.load(write(tmp_path, '[[suppress]]\nrule = "IZ104"\namac = "A1"\nitem = "PG1"\n'
                                      'reason = "Meclis toplantısı 12 tutanağında açıklandı"\n'))
    (f,) = run_rules(outlier_report(), cfg)[0]
    assert f.suppressed and f.suppression_reason.startswith("Meclis")
    other = config.load(write(tmp_path, '[[suppress]]\nrule = "IZ104"\nitem = "PG2"\nreason = "x"\n'))
    (g,) = run_rules(outlier_report(), other)[0]
    assert not g.suppressed


@pytest.mark.parametrize("text,word", [
    ('[[suppress]]\nrule = "IZ104"\n', "reason"),
    ('[[suppress]]\nrule = "IZ104"\nreason = "x"\n', "all = true"),  # a whole rule only when said
    ('[[suppress]]\nrule = "IZ104"\nhedef = "X1"\nreason = "x"\n', "hedef"),
    ('[[suppress]]\nrule = "IZ104"\nhedef = "H1.2"\namac = "A2"\nreason = "x"\n', "amac"),
    ('[[suppress]]\nid = "IZ104-A1"\nitem = "PG1"\nreason = "x"\n', "id"),
    ('[[suppress]]\nrule = "IZ999"\nreason = "x"\n', "IZ999"),
    ('unknown = 1\n', "unknown"),
    ('fail_on = "fatal"\n', "fail_on"),
    ('[rules]\ndisable = ["IZ000"]\n', "IZ000"),
    ('[thresholds]\noutlier = 3\n', "outlier"),
    ('not toml = = 1', ""),
])
def test_bad_config_is_a_clear_error(tmp_path, text, word):
    with pytest.raises(UserError) as e:
        config.load(write(tmp_path, text))
    assert word in e.value.message("en")


def test_found_in_pyproject_and_parent_folders(tmp_path):
    write(tmp_path, '[tool.izlem-audit]\nfail_on = "warning"\n', "pyproject.toml")
    sub = tmp_path / "raporlar" / "2024"
    sub.mkdir(parents=True)
    found = config.find([sub])
    assert found == tmp_path / "pyproject.toml"
    assert config.load(found).fail_on == "warning"
    assert run_rules(report(good_hedef()), config.load(found))[0] == []


@pytest.mark.parametrize("place", [
    'amac = "A1"\nhedef = "H1"\nitem = "PG1"\nperiod = 6',
    'hedef = "H1.1"\nitem = "PG1"\nperiod = "6. ay"',  # printed codes
    'item = "PG1.1.1"\nperiod = "6"',
    'amac = "Amaç 1"\nitem = "PG1.1.1"',
    'id = "IZ104-A1-H1-PG1-6ay"',
    'id = "iz104-a1-h1-pg1-6AY"',
    'all = true',
])
def test_suppression_by_printed_codes_or_id(tmp_path, place):
    body = place if place.startswith("id") else 'rule = "IZ104"\n' + place
    cfg = config.load(write(tmp_path, f'[[suppress]]\n{body}\nreason = "Açıklandı"\n'))
    (f,) = run_rules(outlier_report(), cfg)[0]
    assert f.suppressed and cfg.unused_suppressions() == []


@pytest.mark.parametrize("place", ['hedef = "H1.2"', 'item = "PG2.1.1"', 'period = "3. ay"',
                                   'id = "IZ104-A1-H1-PG1-3ay"'])
def test_suppression_elsewhere_is_unused(tmp_path, place):
    body = place if place.startswith("id") else 'rule = "IZ104"\n' + place
    cfg = config.load(write(tmp_path, f'[[suppress]]\n{body}\nreason = "Açıklandı"\n'))
    (f,) = run_rules(outlier_report(), cfg)[0]
    assert not f.suppressed
    (u,) = cfg.unused_suppressions()
    assert u["reason"] == "Açıklandı" and u["index"] == 0


def test_config_records_path_and_sha256(tmp_path):
    import hashlib

    p = write(tmp_path, 'fail_on = "warning"\n')
    cfg = config.load(p)
    assert cfg.record() == {"path": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
    assert config.Config().record() is None


def test_verdict_never_clean_with_suppressed_errors(tmp_path):
    from izlem_audit.rules.engine import verdict

    h = good_hedef()
    h.reported_performance = 75.0  # IZ201
    rep = report(h)
    assert verdict(run_rules(rep)[0]) == "errors"
    cfg = config.load(write(tmp_path, '[[suppress]]\nid = "IZ201-A1-H1"\nreason = "Açıklandı"\n'))
    assert verdict(run_rules(rep, cfg)[0]) == "suppressed_errors"
    assert verdict(run_rules(report(good_hedef()))[0]) == "clean"
