"""Batch mode: parallel results equal sequential ones, resume skips what is unchanged, a broken file is
reported while the rest finish, and the Dask path gives the same results as the local one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from izlem_audit.batch import find_inputs, run_batch

ROOT = Path(__file__).resolve().parents[1]
STABLE = ("path", "sha256", "status", "errors", "warnings", "infos", "pages", "layout", "gosterge", "faaliyet",
          "message")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("raporlar")
    for name in ("rehber-2025-6-reportlab.pdf", "rehber-2025-6-libreoffice.pdf", "cigli-2024-6-reportlab.pdf"):
        shutil.copy(ROOT / "fixtures" / "pdfs" / name, d / name)
    (d / "alt").mkdir()
    (d / "alt" / "bozuk.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    (d / "notlar.txt").write_text("not a report")
    return d


def stable(rows):
    return sorted(tuple(r.get(k) for k in STABLE) for r in rows)


def findings_of(out: Path) -> list:
    return sorted(json.dumps(json.loads(p.read_text(encoding="utf-8"))["findings"], sort_keys=True)
                  for p in out.glob("*/check.json"))


def test_parallel_equals_sequential_and_broken_is_reported(inputs, tmp_path):
    found = find_inputs(str(inputs))
    assert [p.name for p in found] == ["bozuk.pdf", "cigli-2024-6-reportlab.pdf", "rehber-2025-6-libreoffice.pdf",
                                       "rehber-2025-6-reportlab.pdf"]
    seq, _ = run_batch(found, tmp_path / "seq", jobs=1)
    par, _ = run_batch(found, tmp_path / "par", jobs=2)
    assert stable(seq) == stable(par)
    assert findings_of(tmp_path / "seq") == findings_of(tmp_path / "par")
    broken = [r for r in par if r["status"] != "ok"]
    assert [Path(r["path"]).name for r in broken] == ["bozuk.pdf"] and broken[0]["message"]
    assert sum(r["status"] == "ok" for r in par) == 3
    # ranked by findings: the real report (6 errors) first, the broken file last
    assert Path(par[0]["path"]).name == "cigli-2024-6-reportlab.pdf" and par[-1]["status"] == "error"
    index = (tmp_path / "par" / "index.html").read_text(encoding="utf-8")
    assert "bozuk.pdf" in index and "cigli-2024-6-reportlab.pdf" in index
    assert (tmp_path / "par" / "index.csv").read_text(encoding="utf-8-sig").count("\n") == 5


def test_resume_skips_unchanged(inputs, tmp_path):
    found = find_inputs(str(inputs / "*.pdf"))
    first, skipped = run_batch(found, tmp_path / "out")
    assert skipped == 0
    again, skipped = run_batch(found, tmp_path / "out")
    assert skipped == len(found) and stable(again) == stable(first)
    changed = tmp_path / "changed.pdf"
    shutil.copy(ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf", changed)
    _, skipped = run_batch(found + [changed], tmp_path / "out")
    assert skipped == len(found)  # only the new file was audited


def test_dask_gives_the_same_results(inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    found = find_inputs(str(inputs))
    local, _ = run_batch(found, tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        remote, _ = run_batch(found, tmp_path / "dask", scheduler=c.scheduler_address)
    assert stable(remote) == stable(local)
    assert findings_of(tmp_path / "dask") == findings_of(tmp_path / "local")
