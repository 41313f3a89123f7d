"""``izlem-audit batch``: audit many reports, in parallel, resumably; one broken input never stops the batch.

Each report gets a folder of results (``<name>-<sha8>/check.json`` and the other requested formats, written as
a set); the index (``index.json``, ``index.csv``, ``index.html``) ranks the reports by findings and is rewritten
atomically after every report, so an interrupted batch resumes where it stopped. An input whose sha256 and tool
version are unchanged since a run that audited it is skipped; one that failed (unreadable, or a full disk) is
tried again on the next run, its attempts counted. Rows of earlier runs on other inputs stay in the index. A
lock file keeps a second run out of the same output folder. Work runs in a local process pool, or on an
existing Dask cluster (``--scheduler tcp://host:8786``, the optional ``izlem-audit[dask]`` extra).
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from html import escape
from pathlib import Path
from typing import Any

from . import __version__
from .output.atomic import write_text_atomic
from .output.cells import safe_value
from .output.check_json import strict_dumps

INDEX_FIELDS = ["path", "sha256", "status", "errors", "warnings", "infos", "pages", "layout", "gosterge",
                "faaliyet", "result_dir", "message", "failure", "attempts", "seconds", "version"]
LOCK_NAME = ".izlem-audit.lock"


def find_inputs(spec: str) -> list[Path]:
    p = Path(spec)
    if p.is_dir():
        return sorted(q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and q.is_file())
    return sorted(Path(q) for q in glob.glob(spec, recursive=True) if q.lower().endswith(".pdf"))


def audit_one(path: str, out_dir: str, formats: tuple[str, ...], engine: str, lang: str,
              limits=None) -> dict[str, Any]:
    """Audit one report into its result folder; never raises (a broken input is a result with status error)."""
    from .errors import UserError
    from .extract import sha256_of

    t0 = time.monotonic()
    src = Path(path)
    row: dict[str, Any] = {"path": str(src), "version": __version__, "status": "error", "errors": None,
                           "warnings": None, "infos": None, "pages": None, "layout": None, "gosterge": None,
                           "faaliyet": None, "result_dir": None, "message": ""}
    try:
        row["sha256"] = sha256_of(src)
        from .pipeline import read_report, write_check
        from .output.atomic import OutputSet
        from .rules.engine import run_rules

        report = read_report(src, engine, None, lang, True, limits=limits)
        findings, rc = run_rules(report, None, lang)
        target = Path(out_dir) / f"{src.stem}-{row['sha256'][:8]}"
        with OutputSet() as out:  # the report's results whole or not at all
            for kind in formats:
                name = {"json": "check.json", "html": "rapor.html", "xlsx": "rapor.xlsx", "md": "rapor.md"}[kind]
                write_check(kind, target / name, report, findings, rc, lang, src, None, out, limits)
        from .rules.engine import headline

        causes = headline(findings)["causes"]  # a consequence of another finding is not an error of its own
        c = report.counts()
        row.update(status="ok", errors=causes["error"], warnings=causes["warning"],
                   infos=causes["info"], pages=report.source.pages,
                   reading_problems=headline(findings)["reading_problems"],
                   layout=report.layout, gosterge=c["gosterge"], faaliyet=c["faaliyet"], result_dir=str(target))
    except UserError as e:
        row["message"], row["failure"] = e.message(lang), "input"
    except OSError as e:  # a full disk, a read-only folder: the input is fine, the next run tries again
        from .terminal import os_message

        row["message"], row["failure"] = os_message(e, lang), "os"
    except Exception as e:  # noqa: BLE001 - one broken input is recorded, the batch goes on
        row["message"] = f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
        row["failure"] = "internal"
    row["seconds"] = round(time.monotonic() - t0, 2)
    row.setdefault("sha256", None)
    return row


def load_index(out_dir: Path) -> dict[str, dict[str, Any]]:
    path = out_dir / "index.json"
    if not path.is_file():
        return {}
    try:
        return {r["path"]: r for r in json.loads(path.read_text(encoding="utf-8"))["reports"]}
    except (ValueError, KeyError, TypeError):
        return {}


def up_to_date(row: dict[str, Any] | None, sha: str) -> bool:
    """Audited before, unchanged, and its results still there; a failed report is never up to date."""
    return bool(row) and row.get("sha256") == sha and row.get("version") == __version__ and \
        row.get("status") == "ok" and bool(row.get("result_dir")) and Path(row["result_dir"]).is_dir()


def exit_code(rows: Iterable[dict[str, Any]], fail_on: str = "error") -> int:
    """2 if any report could not be audited, else 1 if any has findings at or above ``fail_on``, else 0."""
    rows = list(rows)
    if any(r.get("status") != "ok" for r in rows):
        return 2
    keys = {"error": ("errors",), "warning": ("errors", "warnings"), "info": ("errors", "warnings", "infos")}
    return 1 if any((r.get(k) or 0) for r in rows for k in keys[fail_on]) else 0


class BatchLock:
    """An exclusive lock on the output folder (``flock`` on a lock file): a second run is refused at once."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_NAME
        self.fh = None

    def __enter__(self) -> "BatchLock":
        import fcntl

        from .errors import UserError

        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.fh.close()
            raise UserError("batch_locked", path=self.path.parent) from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(f"{os.getpid()}\n")
        self.fh.flush()
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        fcntl.flock(self.fh.fileno(), fcntl.LOCK_UN)
        self.fh.close()


def ranked(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["status"] != "ok", -(r.get("errors") or 0), -(r.get("warnings") or 0),
                                       r["path"]))


def write_index(out_dir: Path, rows: list[dict[str, Any]], lang: str = "tr") -> None:
    rows = ranked(rows)
    write_text_atomic(out_dir / "index.json", strict_dumps({"schema": "izlem-audit/batch@1", "version": __version__,
                                                            "reports": rows}, indent=1))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=INDEX_FIELDS, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: safe_value(r.get(k)) for k in INDEX_FIELDS})
    write_text_atomic(out_dir / "index.csv", "\ufeff" + buf.getvalue())
    tr = lang != "en"
    head = (["Rapor", "Durum", "Hata", "Uyarı", "Bilgi", "Sayfa", "Sonuç"] if tr else
            ["Report", "Status", "Errors", "Warnings", "Info", "Pages", "Result"])
    out = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
           f"<title>izlem-audit</title><style>body{{font:15px system-ui,sans-serif;margin:16px}}"
           "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}"
           ".e{color:#b42318;font-weight:700}</style></head><body>",
           f"<h1>{'Toplu denetim' if tr else 'Batch audit'} — {len(rows)} {'rapor' if tr else 'reports'}</h1>",
           "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for r in rows:
        link = ""
        if r.get("result_dir"):
            rel = Path(r["result_dir"]).relative_to(out_dir) if Path(r["result_dir"]).is_relative_to(out_dir) \
                else Path(r["result_dir"])
            html = rel / "rapor.html"
            link = f'<a href="{escape(str(html if (out_dir / html).exists() else rel / "check.json"))}">' \
                   f'{"aç" if tr else "open"}</a>'
        status = ("tamam" if tr else "ok") if r["status"] == "ok" else escape(r.get("message") or "error")
        out.append(f"<tr><td>{escape(r['path'])}</td><td>{status}</td><td class=\"e\">{r.get('errors') or 0}</td>"
                   f"<td>{r.get('warnings') or 0}</td><td>{r.get('infos') or 0}</td><td>{r.get('pages') or ''}</td>"
                   f"<td>{link}</td></tr>")
    out.append("</table></body></html>")
    write_text_atomic(out_dir / "index.html", "\n".join(out))


Progress = Callable[[int, int], None]


def run_batch(inputs: list[Path], out_dir: Path, formats: tuple[str, ...] = ("json",), jobs: int = 1,
              engine: str = "pdfium", lang: str = "tr", scheduler: str | None = None,
              progress: Progress | None = None, limits=None) -> tuple[list[dict[str, Any]], int]:
    """Audit ``inputs`` into ``out_dir``; returns (index rows of these inputs, number skipped as up to date).
    ``limits`` (extract.Limits) bounds each report's work, as check's flags do."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with BatchLock(out_dir):
        return _run_locked(inputs, out_dir, formats, jobs, engine, lang, scheduler, progress, limits)


def _run_locked(inputs, out_dir, formats, jobs, engine, lang, scheduler, progress, limits):
    from .extract import sha256_of

    previous = load_index(out_dir)
    # rows of earlier runs (other input folders into the same output) are kept; this run's rows replace theirs
    rows: dict[str, dict[str, Any]] = dict(previous)
    todo: list[Path] = []
    for p in inputs:
        try:
            sha = sha256_of(p)
        except OSError:
            sha = ""
        old = previous.get(str(p))
        if sha and up_to_date(old, sha):
            rows[str(p)] = old  # type: ignore[assignment]
        else:
            todo.append(p)
    skipped = len(inputs) - len(todo)
    done = 0
    args = [(str(p), str(out_dir), tuple(formats), engine, lang, limits) for p in todo]

    def record(row: dict[str, Any]) -> None:
        nonlocal done
        old = previous.get(row["path"])
        same = old is not None and old.get("sha256") == row.get("sha256") and old.get("version") == __version__
        row["attempts"] = (old.get("attempts") or 1) + 1 if same and old.get("status") != "ok" else 1
        row.setdefault("failure", None)
        rows[row["path"]] = row
        done += 1
        # after every report: an interrupted batch (kill -9) loses no finished report
        write_index(out_dir, list(rows.values()), lang)
        if progress:
            progress(done, len(todo))

    if scheduler:
        from distributed import Client, as_completed as dask_completed

        with Client(scheduler) as client:
            futures = [client.submit(audit_one, *a, pure=False) for a in args]
            for fut in dask_completed(futures):
                record(fut.result())
    elif jobs > 1 and len(args) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(audit_one, *a) for a in args]
            for fut in as_completed(futures):
                record(fut.result())
    else:
        for a in args:
            record(audit_one(*a))
    write_index(out_dir, list(rows.values()), lang)
    result = [rows[str(p)] for p in inputs if str(p) in rows]
    return ranked(result), skipped
