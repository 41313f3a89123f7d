"""``izlem-audit batch``: audit many reports, in parallel, resumably; one broken input never stops the batch.

Each report gets a folder of results (``<name>-<sha8>/check.json`` and the other requested formats); the index
(``index.json``, ``index.csv``, ``index.html``) ranks the reports by findings. An input whose sha256 and tool
version are unchanged since the last run is skipped. Work runs in a local process pool, or on an existing Dask
cluster (``--scheduler tcp://host:8786``, the optional ``izlem-audit[dask]`` extra).
"""

from __future__ import annotations

import csv
import glob
import io
import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from html import escape
from pathlib import Path
from typing import Any

from . import __version__
from .output.atomic import write_text_atomic
from .output.cells import safe_value

INDEX_FIELDS = ["path", "sha256", "status", "errors", "warnings", "infos", "pages", "layout", "gosterge",
                "faaliyet", "result_dir", "message", "seconds", "version"]


def find_inputs(spec: str) -> list[Path]:
    p = Path(spec)
    if p.is_dir():
        return sorted(q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and q.is_file())
    return sorted(Path(q) for q in glob.glob(spec, recursive=True) if q.lower().endswith(".pdf"))


def audit_one(path: str, out_dir: str, formats: tuple[str, ...], engine: str, lang: str) -> dict[str, Any]:
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
        from .cli import _write_check, read_report
        from .rules.engine import run_rules

        report = read_report(src, engine, None, lang, True)
        findings, rc = run_rules(report, None, lang)
        target = Path(out_dir) / f"{src.stem}-{row['sha256'][:8]}"
        target.mkdir(parents=True, exist_ok=True)
        for kind in formats:
            name = {"json": "check.json", "html": "rapor.html", "xlsx": "rapor.xlsx", "md": "rapor.md"}[kind]
            _write_check(kind, target / name, report, findings, rc, lang, src, None)
        from .rules.engine import headline

        causes = headline(findings)["causes"]  # a consequence of another finding is not an error of its own
        c = report.counts()
        row.update(status="ok", errors=causes["error"], warnings=causes["warning"],
                   infos=causes["info"], pages=report.source.pages,
                   layout=report.layout, gosterge=c["gosterge"], faaliyet=c["faaliyet"], result_dir=str(target))
    except UserError as e:
        row["message"] = e.message(lang)
    except Exception as e:  # noqa: BLE001 - one broken input is recorded, the batch goes on
        row["message"] = f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
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
    return bool(row) and row.get("sha256") == sha and row.get("version") == __version__ and (
        row.get("status") == "error" or (row.get("result_dir") and Path(row["result_dir"]).is_dir()))


def ranked(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["status"] != "ok", -(r.get("errors") or 0), -(r.get("warnings") or 0),
                                       r["path"]))


def write_index(out_dir: Path, rows: list[dict[str, Any]], lang: str = "tr") -> None:
    rows = ranked(rows)
    write_text_atomic(out_dir / "index.json", json.dumps({"schema": "izlem-audit/batch@1", "version": __version__,
                                                          "reports": rows}, ensure_ascii=False, indent=1))
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
              progress: Progress | None = None) -> tuple[list[dict[str, Any]], int]:
    """Audit ``inputs`` into ``out_dir``; returns (index rows, number skipped as up to date)."""
    from .extract import sha256_of

    out_dir.mkdir(parents=True, exist_ok=True)
    previous = load_index(out_dir)
    rows: dict[str, dict[str, Any]] = {}
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
    args = [(str(p), str(out_dir), tuple(formats), engine, lang) for p in todo]

    def record(row: dict[str, Any]) -> None:
        nonlocal done
        rows[row["path"]] = row
        done += 1
        if progress:
            progress(done, len(todo))
        if done % 20 == 0:  # a long batch keeps its index current, so an interrupted one resumes
            write_index(out_dir, list(rows.values()), lang)

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
    result = [rows[str(p)] for p in inputs if str(p) in rows]
    write_index(out_dir, result, lang)
    return ranked(result), skipped
