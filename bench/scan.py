"""Time and memory per scanned page (``check --ocr``), OCR reported apart from the rest (issue 15).

``python bench/scan.py`` reads every PDF in ``fixtures/scans/`` with ``--ocr`` (each run in its own child
process) and writes the figures into ``docs/performance.md`` between the ``scan`` markers (``bench/run.py``
keeps that section when it rewrites the file). Per file: the scanned pages, the seconds spent in Tesseract (its
runs, waited for by the reader), the rest of the raster reader (render, deskew, rules, crops), the rest of the
pipeline (grid, layouts, assembling, rules) and the whole; peak RSS of the Python process and, apart, of the
Tesseract reading a whole page (``tesseract_peak``).

Options: ``--runs N`` (median of N, default 1), ``--no-write``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT / "fixtures" / "scans"
BEGIN, END = "<!-- scan:begin -->", "<!-- scan:end -->"


def child(pdf: str) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from izlem_audit.extract import extract
    from izlem_audit.rules.engine import run_rules

    t0, c0 = time.perf_counter(), _cpu()
    report = extract(Path(pdf), ocr=True)
    run_rules(report)
    total, cpu = time.perf_counter() - t0, _cpu() - c0
    pages = getattr(report, "ocr_pages", {})
    ocr = sum(p.ocr_seconds for p in pages.values())
    raster = sum(p.other_seconds for p in pages.values())
    return {"pages": len(pages), "total": total, "ocr": ocr, "raster": raster, "rest": total - ocr - raster,
            "cpu": cpu, "cpu_tesseract": cpu_children(),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (Tesseract)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def cpu_children() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def tesseract_peak(pdf: Path) -> float:
    """Peak RSS (MB) of Tesseract reading the first scanned page at 300 dpi, run from this small process: a
    child forked from the reader would carry the reader's RSS into its ru_maxrss over exec."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "p"
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", "-f", "2" if "mixed" in pdf.name
                        else "1", "-l", "2" if "mixed" in pdf.name else "1", str(pdf), str(png)], check=True)
        proc = subprocess.Popen(["tesseract", f"{png}.png", "stdout", "-l", "tur", "--psm", "6", "tsv"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        return usage.ru_maxrss / 1024


def measure(pdf: Path, runs: int) -> dict:
    got = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--child", str(pdf)], capture_output=True, text=True,
                             check=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
        got.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(g[k] for g in got) for k in ("total", "ocr", "raster", "rest", "cpu", "cpu_tesseract")}
    return {**med, "pages": got[0]["pages"], "rss_mb": max(g["rss_mb"] for g in got),
            "tesseract_mb": tesseract_peak(pdf)}


def render(results: dict[str, dict], runs: int, load: float) -> str:
    lines = [BEGIN, "## Scanned pages (`check --ocr`)", "",
             f"Measured by `python bench/scan.py` (each file in its own child process, median of {runs} run(s); "
             "seconds per scanned page; a mixed document's born-digital page is not counted as scanned but its "
             "time is in the whole). Tesseract 5 (`tur`), one thread per run (`OMP_THREAD_LIMIT=1`). "
             f"Load average when the run began: {load:.1f} on this machine's cores (a busy machine stretches "
             "every figure; CPU time is what to compare).", "",
             "| file | scanned pages | OCR (Tesseract) s/page | raster reader s/page | rest s/page | whole s/page | "
             "CPU s/page (of it Tesseract) | peak RSS Python (MB) | peak RSS Tesseract (MB) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        n = max(r["pages"], 1)
        lines.append(f"| {name} | {r['pages']} | {r['ocr'] / n:.2f} | {r['raster'] / n:.2f} | {r['rest'] / n:.2f} "
                     f"| {r['total'] / n:.2f} | {r['cpu'] / n:.2f} ({r['cpu_tesseract'] / n:.2f}) | {r['rss_mb']:.0f} "
                     f"| {r['tesseract_mb']:.0f} |")
    lines += ["", "Read the CPU column on a busy machine: the wall-clock columns stretch with the load, CPU time "
              "does not. OCR dominates: Tesseract reads each page three to four times (the page, each ruled cell on its "
              "own, the numbers and codes again with a whitelist). The raster reader (render at 1.5× the scan's "
              "resolution, deskew, rule detection, crops) and the rest of the pipeline are a small part.", END]
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    load = os.getloadavg()[0]
    results = {pdf.name: measure(pdf, args.runs) for pdf in sorted(SCANS.glob("*.pdf"))}
    section = render(results, args.runs, load)
    if not args.no_write:
        write(section)
    print(section)


if __name__ == "__main__":
    main()
