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


# --- a batch that never forgets a failure (issue 11) ----------------------------------------------------------

def run_cli(*args: str):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)


@pytest.fixture
def two(tmp_path) -> Path:
    d = tmp_path / "iki"
    d.mkdir()
    shutil.copy(ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf", d / "rehber.pdf")
    (d / "bozuk.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    return d


def index_rows(out: Path) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in json.loads((out / "index.json").read_text(encoding="utf-8"))["reports"]}


def test_a_failed_report_is_retried_and_its_attempts_counted(two, tmp_path):
    out = tmp_path / "out"
    rows, skipped = run_batch(find_inputs(str(two)), out)
    by = {Path(r["path"]).name: r for r in rows}
    assert by["bozuk.pdf"]["status"] == "error" and by["bozuk.pdf"]["failure"] == "input"
    assert by["bozuk.pdf"]["attempts"] == 1 and by["rehber.pdf"]["attempts"] == 1
    rows, skipped = run_batch(find_inputs(str(two)), out)
    assert skipped == 1  # the good one; the failed one is tried again
    assert index_rows(out)["bozuk.pdf"]["attempts"] == 2 and index_rows(out)["rehber.pdf"]["attempts"] == 1


def test_a_full_disk_is_a_failure_of_that_run_only(two, tmp_path, monkeypatch):
    import errno

    from izlem_audit.output import atomic

    (two / "bozuk.pdf").unlink()
    out = tmp_path / "out"
    real = atomic.OutputSet.write

    def full(self, path, writer):
        raise atomic.OutputError(path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(atomic.OutputSet, "write", full)
    rows, _ = run_batch(find_inputs(str(two)), out)
    assert rows[0]["status"] == "error" and rows[0]["failure"] == "os" and "diskte yer kalmadı" in rows[0]["message"]
    assert not [p for p in out.iterdir() if p.is_dir()]  # no half-written result folder
    monkeypatch.setattr(atomic.OutputSet, "write", real)
    rows, skipped = run_batch(find_inputs(str(two)), out)  # space freed: the report is audited, not skipped
    assert skipped == 0 and rows[0]["status"] == "ok" and rows[0]["attempts"] == 2


def test_the_index_is_current_after_every_report(two, tmp_path):
    out = tmp_path / "out"
    seen = []

    def progress(done, total):
        seen.append((done, len(json.loads((out / "index.json").read_text(encoding="utf-8"))["reports"])))

    run_batch(find_inputs(str(two)), out, progress=progress)
    assert seen == [(1, 1), (2, 2)]


def test_a_second_input_folder_adds_to_the_index(two, inputs, tmp_path):
    out = tmp_path / "out"
    run_batch(find_inputs(str(two)), out)
    run_batch(find_inputs(str(inputs / "*.pdf")), out)
    names = sorted(index_rows(out))
    assert names == sorted(["rehber.pdf", "bozuk.pdf", "rehber-2025-6-reportlab.pdf",
                            "rehber-2025-6-libreoffice.pdf", "cigli-2024-6-reportlab.pdf"])
    assert (out / "index.csv").read_text(encoding="utf-8-sig").count("\n") == 6


def test_batch_exit_codes_and_the_lock(two, tmp_path):
    from izlem_audit.batch import BatchLock

    out = tmp_path / "out"
    proc = run_cli("batch", str(two), "--output", str(out), "-q")
    assert proc.returncode == 2, proc.stderr  # bozuk.pdf could not be read ...
    assert index_rows(out)["rehber.pdf"]["status"] == "ok"  # ... after the other was audited
    (two / "bozuk.pdf").unlink()
    proc = run_cli("batch", str(two), "--output", str(tmp_path / "out2"), "-q")
    assert proc.returncode == 1, proc.stderr  # the guide fixture has errors, as check says
    with BatchLock(out):
        proc = run_cli("batch", str(two), "--output", str(out), "-q")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "başka bir izlem-audit batch çalışıyor" in proc.stderr


def test_batch_takes_the_limits_of_check(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf", d / "rehber.pdf")
    proc = run_cli("batch", str(d), "--output", str(tmp_path / "out"), "-q", "--max-page-chars", "10")
    assert proc.returncode == 2, proc.stderr
    row = index_rows(tmp_path / "out")["rehber.pdf"]
    assert row["status"] == "error" and "--max-page-chars" in row["message"] and row["failure"] == "input"
    proc = run_cli("batch", str(d), "--output", str(tmp_path / "out"), "-q")  # retried with the default limits
    assert proc.returncode == 1 and index_rows(tmp_path / "out")["rehber.pdf"]["attempts"] == 2
