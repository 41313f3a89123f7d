"""``izlem-audit check`` as a user runs it: exit codes, the JSON contract, languages, the extract JSON as input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REHBER = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def test_json_contract_and_exit_code(tmp_path):
    out = tmp_path / "check.json"
    proc = run("check", str(REHBER), "--format", "json", "--output", str(out), "--engine", "pdfium", "-q")
    assert proc.returncode == 1, proc.stderr  # errors are found
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["schema"] == "izlem-audit/check@1"
    assert d["source"]["pages"] == 3 and len(d["source"]["sha256"]) == 64
    assert d["counts"] == {"amac": 3, "hedef": 7, "performans_hedefi": 0, "gosterge": 18, "faaliyet": 0}
    f = next(x for x in d["findings"] if x["rule"] == "IZ101")
    assert {k: f[k] for k in ("category", "severity", "amac", "hedef", "performans_hedefi", "item", "period",
                              "reported")} == {"category": "indicator_rate", "severity": "error", "amac": "A1",
                                               "hedef": "H2", "performans_hedefi": None, "item": "PG2",
                                               "period": 6, "reported": 75.0}
    assert f["expected"] == 62.5 and f["page"] == 1 and len(f["bbox"]) == 4 and "75,00" in f["message"]
    assert f["id"] == "IZ101-A1-H2-PG2-6ay" and "caused_by" in f
    assert all(x["id"] for x in d["findings"])
    assert d["report"]["schema"] == "izlem-audit/report@1"


def test_fail_on_levels(tmp_path):
    cfg = tmp_path / "izlem-audit.toml"
    cfg.write_text('[[suppress]]\nrule = "IZ101"\nall = true\nreason = "r"\n'
                   '[[suppress]]\nid = "IZ202-A2-H1"\nreason = "r"\n'
                   '[[suppress]]\nrule = "IZ204"\nhedef = "H3.1"\nreason = "r"\n')
    # every cause suppressed with a reason (IZ201 and IZ404 follow from IZ101 and IZ202): the gate passes, the
    # findings stay listed as suppressed, and the headline says errors were suppressed (never "all reconciles")
    proc = run("check", str(REHBER), "--config", str(cfg), "--engine", "pdfium", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "bastırıldı (3 hata dahil" in proc.stdout and "0 hata" in proc.stdout
    # one cause left: the gate fails again
    cfg.write_text('[[suppress]]\nrule = "IZ101"\nall = true\nreason = "r"\n'
                   '[[suppress]]\nid = "IZ202-A2-H1"\nreason = "r"\n')
    assert run("check", str(REHBER), "--config", str(cfg), "--engine", "pdfium", "-q").returncode == 1
    assert run("check", str(REHBER), "--engine", "pdfium", "-q", "--fail-on", "bogus").returncode == 2


def test_english_and_extract_json_input(tmp_path):
    extracted = tmp_path / "rapor.json"
    assert run("extract", str(REHBER), "--output", str(extracted), "-q", "--engine", "pdfium").returncode == 0
    proc = run("check", str(extracted), "--lang", "en")
    assert proc.returncode == 1
    assert "printed rate 75.00" in proc.stdout and "errors" in proc.stdout
    # the page column speaks the reader's language: 'p.1' in English, 's.1' (sayfa) in Turkish
    assert " p.1 " in proc.stdout and " s.1 " not in proc.stdout
    assert " s.1 " in run("check", str(extracted)).stdout


def test_rules_command():
    listing = run("rules")
    assert listing.returncode == 0 and "IZ101" in listing.stdout and "IZ605" in listing.stdout
    one = run("rules", "IZ202", "--lang", "en")
    assert one.returncode == 0 and "capping-not-applied" in one.stdout and "Rationale" in one.stdout
    assert run("rules", "IZ999").returncode == 2


def test_suppression_by_id_unused_and_config_record(tmp_path):
    """The issue's Done-when: one finding suppressed by id, one id that does not exist."""
    import hashlib

    (tmp_path / "cfg").mkdir()
    cfg = tmp_path / "cfg" / "izlem-audit.toml"
    cfg.write_text('[[suppress]]\nid = "IZ204-A3-H1"\nreason = "Ağırlıklar programda böyle."\n'
                   '[[suppress]]\nid = "IZ101-A9-H9-PG9-6ay"\nreason = "Eski bulgu."\n', encoding="utf-8")
    out = tmp_path / "c.json"
    proc = run("check", str(REHBER), "--config", str(cfg), "--engine", "pdfium", "-q", "--format", "json",
               "--output", str(out))
    assert proc.returncode == 1
    d = json.loads(out.read_text(encoding="utf-8"))
    (f,) = [x for x in d["findings"] if x["id"] == "IZ204-A3-H1"]
    assert f["suppressed"] is True and f["suppression_reason"] == "Ağırlıklar programda böyle."
    assert [u["id"] for u in d["unused_suppressions"]] == ["IZ101-A9-H9-PG9-6ay"]
    assert d["config"] == {"path": str(cfg), "sha256": hashlib.sha256(cfg.read_bytes()).hexdigest()}
    ids = {x["id"] for x in d["findings"]}
    assert all(x["caused_by"] in ids for x in d["findings"] if x["caused_by"])
    # the headline counts causes only: 3 errors (IZ101, IZ202; IZ204 suppressed), 2 consequences
    assert d["summary"]["by_severity"] == {"error": 2} and d["summary"]["consequences"] == 2
    assert d["summary"]["suppressed_by_severity"] == {"error": 1} and d["summary"]["verdict"] == "errors"
    console = run("check", str(REHBER), "--config", str(cfg), "--engine", "pdfium", "-q")
    assert "Kullanılmayan bastırma: IZ101-A9-H9-PG9-6ay" in console.stdout
    plain = tmp_path / "p.json"
    (tmp_path / "elsewhere").mkdir()
    run("check", str(REHBER), "--engine", "pdfium", "-q", "--format", "json", "--output", str(plain),
        cwd=tmp_path / "elsewhere")
    assert json.loads(plain.read_text(encoding="utf-8"))["config"] is None


def test_the_heading_names_the_kind_of_document():
    """A programme or an activity report is not called a monitoring report: the heading says what was audited."""
    cases = {ROOT / "fixtures" / "pdfs" / "akcay-2025-faaliyet-reportlab.pdf":
             ("Faaliyet raporu denetimi:", "Activity report audit:"),
             ROOT / "fixtures" / "compare" / "karacam-g-program-baseline-reportlab.pdf":
             ("Performans programı denetimi:", "Performance programme audit:"),
             REHBER: ("İzleme raporu denetimi:", "Monitoring report audit:")}
    for path, (tr, en) in cases.items():
        assert run("check", str(path), "-q").stdout.startswith(tr), path
        assert run("check", str(path), "-q", "--lang", "en").stdout.startswith(en), path
