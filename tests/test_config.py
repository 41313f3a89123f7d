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
