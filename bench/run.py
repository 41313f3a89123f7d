"""Benchmark izlem-audit against its peers on the same pages, in one run.

    .venv/bin/python bench/run.py                 # 3 runs each, writes docs/performance.md
    .venv/bin/python bench/run.py --runs 5 --no-write

Tools, each run in its own child process (so peak RSS is the tool's own, read with wait4):
- ``izlem-audit check RAPOR.pdf -f json -o …`` end to end, the command a user runs (input scan, reading, rules,
  the check@1 JSON written), with the fast engine (pdfium, the default) and the reference one (pdfplumber);
- camelot lattice, default engine, and with ``engine="vector"`` (no rendering);
- pdfplumber ``extract_tables`` on every page;
- pypdfium2 plain text and char boxes: the floor any PDF-reading tool pays.
Inputs: the reference report as LibreOffice prints it (fixtures/pdfs/cigli-2024-6-libreoffice.pdf), a 10x
concatenation of it, and the same report printed by a browser (fixtures/pdfs/cigli-2024-6-chromium-portrait.pdf:
headless Chromium draws every cell border as its own path, about 3 300 path objects a page).
The time is measured inside the child around the work (interpreter start and imports are not counted), and the
whole child process too (start, imports, work, exit); the median of the runs is reported with seconds per page,
ratios to each peer and to the floor (on both times), and peak RSS.

The package is byte-compiled first (``compileall``), as ``pip install`` does: run from a source checkout with
PYTHONDONTWRITEBYTECODE set, every child would otherwise compile izlem-audit's modules again (about 0.1 s of
CPU), which the installed peers never pay. The load average before and after, and the bench's own wall time,
are recorded: other work on the machine slows every tool alike, so side-by-side ratios hold better than seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-libreoffice.pdf"
BROWSER = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-chromium-portrait.pdf"
TOOLS = ["izlem-audit check (pdfium)", "izlem-audit check (pdfplumber)", "camelot lattice",
         "camelot lattice vector", "pdfplumber extract_tables", "pypdfium2 text+boxes (floor)"]


# ----------------------------------------------------------------------------------------------- the children

def child(tool: str, pdf: str) -> float:
    """Run one tool once on ``pdf``; return the seconds the work took."""
    if tool.startswith("izlem-audit"):
        import importlib

        from izlem_audit import cli

        # what `check` imports lazily on its way, imported before the clock starts as the peers' imports are:
        # its own modules, pypdfium2 (the floor imports it before its clock too) and typer's parameter
        # coercion, which imports pydantic when the command line is parsed (about 40 ms); the whole-process
        # column counts all of them
        for name in ("izlem_audit.pipeline", "izlem_audit.extract", "izlem_audit.inputs", "izlem_audit.config",
                     "izlem_audit.rules.engine", "izlem_audit.output.atomic", "izlem_audit.output.check_json",
                     "izlem_audit.reading.pdfium_source", "izlem_audit.reading.grid", "izlem_audit.reading.layout",
                     "izlem_audit.reading.stream_grid", "pypdfium2", "pypdfium2.raw", "typer._adapters"):
            try:
                importlib.import_module(name)
            except ImportError:  # moved by a refactoring: then imported inside the timed run
                pass
        engine = "pdfium" if "pdfium" in tool else "pdfplumber"
        with tempfile.TemporaryDirectory() as tmp:
            sys.argv = ["izlem-audit", "check", pdf, "--engine", engine, "-f", "json", "-o", str(Path(tmp) / "c.json"),
                        "--quiet"]
            t0 = time.perf_counter()
            try:
                cli.main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            took = time.perf_counter() - t0
            if code not in (0, 1) or not (Path(tmp) / "c.json").is_file():  # 1: findings at --fail-on, a result
                raise SystemExit(f"izlem-audit check exited {code}")
        return took
    if tool.startswith("camelot"):
        import camelot

        kw = {"engine": "vector"} if "vector" in tool else {}
        t0 = time.perf_counter()
        camelot.read_pdf(pdf, pages="all", flavor="lattice", **kw)
        return time.perf_counter() - t0
    if tool.startswith("pdfplumber"):
        import pdfplumber

        t0 = time.perf_counter()
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_tables()
                page.close()
        return time.perf_counter() - t0
    import pypdfium2 as pdfium

    t0 = time.perf_counter()
    doc = pdfium.PdfDocument(pdf)
    for i in range(len(doc)):
        page = doc[i]
        tp = page.get_textpage()
        tp.get_text_range()
        for j in range(tp.count_chars()):
            tp.get_charbox(j)
        tp.close()
        page.close()
    doc.close()
    return time.perf_counter() - t0


def measure(tool: str, pdf: Path) -> tuple[float, float, float]:
    """(seconds of work, peak RSS in MB, seconds of the whole process) of one run in a fresh child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", tool, str(pdf)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{tool} failed on {pdf.name}")
    wall = time.perf_counter() - t0
    return float(out.decode().strip().splitlines()[-1]), usage.ru_maxrss / 1024.0, wall


# ----------------------------------------------------------------------------------------------- the run

def concatenate(src: Path, times: int, out: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    reader = PdfReader(str(src))
    for _ in range(times):
        for page in reader.pages:
            writer.add_page(page)
    with open(out, "wb") as fh:
        writer.write(fh)


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def compile_package() -> None:
    """Byte-compile izlem-audit's sources, as an installation does (see the module's docstring)."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def run(runs: int, tools: list[str], big_runs: int | None = None) -> dict:
    compile_package()
    started = time.perf_counter()
    results: dict = {"machine": machine(), "runs": runs, "big_runs": big_runs or runs, "inputs": {},
                     "load": os.getloadavg(), "uptime_start": uptime(),
                     "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    print(results["uptime_start"], flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "cigli-x10.pdf"
        concatenate(SAMPLE, 10, big)
        for pdf in (SAMPLE, BROWSER, big):
            pages = page_count(pdf)
            entry = {"pages": pages, "tools": {}}
            n_runs = (big_runs or runs) if pdf == big else runs
            for tool in tools:
                samples = [measure(tool, pdf) for _ in range(n_runs)]
                secs = statistics.median(s for s, _, _ in samples)
                rss = max(m for _, m, _ in samples)
                entry["tools"][tool] = {"seconds": secs, "per_page": secs / pages, "peak_mb": rss,
                                        "process": statistics.median(w for _, _, w in samples),
                                        "all": [round(s, 3) for s, _, _ in samples]}
                print(f"{pdf.name:28} {tool:32} {secs:8.2f} s  {secs / pages * 1000:7.1f} ms/page  {rss:6.0f} MB",
                      flush=True)
            results["inputs"][pdf.name] = entry
    end = os.getloadavg()
    results["load"] = tuple(max(a, b) for a, b in zip(results["load"], end))
    results["uptime_end"] = uptime()
    results["wall_seconds"] = time.perf_counter() - started
    return results


def render(results: dict) -> str:
    lines = ["# Performance", "",
             "Measured by `.venv/bin/python bench/run.py` (one command, all tools in one run, each run in its own "
             "child process; *seconds* are measured around the work, interpreter start and imports excluded, "
             "*whole process* from the child's start to its exit; median of "
             f"{results['runs']} runs ({results.get('big_runs', results['runs'])} on the 10× input); peak RSS is the "
             "largest of the runs). izlem-audit is run as the `check` command "
             "(`izlem-audit check RAPOR.pdf -f json -o …`), byte-compiled as an installation is.", "",
             f"Machine: {results['machine']}.", ""]
    if "uptime_start" in results:
        lines += [f"Run started {results.get('started', '?')}, took {results.get('wall_seconds', 0) / 60:.1f} min. "
                  f"`uptime` before: `{results['uptime_start']}`; after: `{results.get('uptime_end', '?')}`.", ""]
    load = results.get("load")
    if load and load[0] > (os.cpu_count() or 1):
        lines += [f"**The machine was busy during this run** (load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
                  f"on {os.cpu_count()} cores, other work running alongside): every tool ran under the same "
                  "contention, so the ratios between them hold better than the absolute seconds.", ""]
    ours = "izlem-audit check (pdfium)"
    for name, entry in results["inputs"].items():
        tools = entry["tools"]
        lines += [f"## {name} ({entry['pages']} pages)", "",
                  "| tool | seconds | ms / page | whole process (s) | peak RSS (MB) | izlem-audit is … × faster |",
                  "|---|---|---|---|---|---|"]
        for tool, r in tools.items():
            ratio = r["seconds"] / tools[ours]["seconds"] if ours in tools else float("nan")
            lines.append(f"| {tool} | {r['seconds']:.2f} | {r['per_page'] * 1000:.1f} | {r.get('process', 0):.2f} | "
                         f"{r['peak_mb']:.0f} | {ratio:.2f} |")
        lines.append("")
    names = list(results["inputs"])
    if len(names) >= 2 and all(ours in results["inputs"][n]["tools"] for n in names):
        small, big = results["inputs"][names[0]], results["inputs"][names[-1]]
        growth = big["tools"][ours]["seconds"] / small["tools"][ours]["seconds"]
        lines += [f"Linearity: {big['pages'] / small['pages']:.0f}× the pages took {growth:.2f}× the time "
                  f"(target ≤ 11×).", ""]
        lines += ["## Targets", "", "| target | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        checks = [("≥ 3.5× faster than camelot lattice vector", "camelot lattice vector", 3.5, "faster"),
                  ("≥ 10× faster than camelot lattice (default)", "camelot lattice", 10.0, "faster"),
                  ("faster than pdfplumber extract_tables", "pdfplumber extract_tables", 1.0, "faster"),
                  ("within 3× of the pypdfium2 floor", "pypdfium2 text+boxes (floor)", 3.0, "floor")]
        for label, tool, bound, kind in checks:
            for key, what in (("seconds", "work"), ("process", "whole process")):
                cells = []
                for n in names:
                    tl = results["inputs"][n]["tools"]
                    if tool not in tl or key not in tl[tool]:
                        cells.append("—")
                        continue
                    ratio = tl[tool][key] / tl[ours][key]
                    if kind == "floor":
                        ratio = 1 / ratio
                        ok = ratio <= bound
                    else:
                        ok = ratio >= bound
                    cells.append(f"{ratio:.2f}× {'✓' if ok else '✗'}")
                lines.append(f"| {label} ({what}) | " + " | ".join(cells) + " |")
        mem = [results["inputs"][n]["tools"][ours]["peak_mb"] for n in names]
        lines.append("| peak RSS ≤ 150 MB | " + " | ".join(f"{m:.0f} MB {'✓' if m <= 150 else '✗'}" for m in mem) + " |")
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=2, metavar=("TOOL", "PDF"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big-runs", type=int, default=None, help="runs on the 10x input (default: --runs)")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    args = ap.parse_args()
    if args.child:
        print(child(*args.child))
        return
    results = run(args.runs, [t for t in args.tools.split(",") if t], args.big_runs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    text = render(results)
    if not args.no_write:
        perf = ROOT / "docs" / "performance.md"
        old = perf.read_text(encoding="utf-8") if perf.exists() else ""
        # kept from the file as it was: the notes written by hand on what a run shows (between notes markers,
        # to be read again against the new figures) and bench/scan.py's section (scanned pages)
        begin, end = "<!-- notes:begin -->", "<!-- notes:end -->"
        if begin in old and end in old:
            text = text.rstrip("\n") + "\n\n" + old[old.index(begin):old.index(end) + len(end)] + "\n"
        if "<!-- scan:begin -->" in old:
            text = text.rstrip("\n") + "\n\n" + old[old.index("<!-- scan:begin -->"):]
        perf.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
