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
    cfg.write_text('[[suppress]]\nrule = "IZ101"\nreason = "r"\n[[suppress]]\nrule = "IZ201"\nreason = "r"\n'
                   '[[suppress]]\nrule = "IZ202"\nreason = "r"\n[[suppress]]\nrule = "IZ204"\nreason = "r"\n'
                   '[[suppress]]\nrule = "IZ404"\nreason = "r"\n')
    # every error suppressed with a reason: the gate passes, the findings stay listed as suppressed
    proc = run("check", str(REHBER), "--config", str(cfg), "--engine", "pdfium", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "bastırıldı" in proc.stdout
    assert run("check", str(REHBER), "--engine", "pdfium", "-q", "--fail-on", "bogus").returncode == 2


def test_english_and_extract_json_input(tmp_path):
    extracted = tmp_path / "rapor.json"
    assert run("extract", str(REHBER), "--output", str(extracted), "-q", "--engine", "pdfium").returncode == 0
    proc = run("check", str(extracted), "--lang", "en")
    assert proc.returncode == 1
    assert "printed rate 75.00" in proc.stdout and "errors" in proc.stdout


def test_rules_command():
    listing = run("rules")
    assert listing.returncode == 0 and "IZ101" in listing.stdout and "IZ605" in listing.stdout
    one = run("rules", "IZ202", "--lang", "en")
    assert one.returncode == 0 and "capping-not-applied" in one.stdout and "Rationale" in one.stdout
    assert run("rules", "IZ999").returncode == 2
