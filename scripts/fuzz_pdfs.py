"""Fuzz the whole tool with damaged PDFs: random byte flips, truncations, dropped objects.

Every run of ``izlem-audit check`` on a mutated fixture must end with exit code 0, 1 or 2 within the time
limit, with no traceback. The test suite runs a small bounded budget; for a long run:

    .venv/bin/python scripts/fuzz_pdfs.py --runs 2000 --seed 7

It prints one line per failure and a summary of outcomes (exit codes, seconds).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "fixtures" / "pdfs").glob("*.pdf"))


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["flip", "flip", "truncate", "drop_object", "zero_block", "shuffle_xref"])
    b = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(len(b))
            b[i] = rng.randrange(256)
    elif kind == "truncate":
        b = b[: rng.randint(len(b) // 10, len(b) - 1)]
    elif kind == "drop_object":
        objs = [m.span() for m in re.finditer(rb"\d+ 0 obj.*?endobj", bytes(b), re.S)]
        if objs:
            s, e = rng.choice(objs)
            b = b[:s] + b[e:]
    elif kind == "zero_block":
        i = rng.randrange(len(b))
        n = rng.randint(16, 4096)
        b[i:i + n] = bytes(min(n, len(b) - i))
    else:  # the xref table points elsewhere
        m = re.search(rb"startxref\s+(\d+)", bytes(b))
        if m:
            b = b[: m.start(1)] + str(rng.randrange(len(b))).encode() + b[m.end(1):]
    return kind, bytes(b)


def run_one(pdf: Path, timeout: float, engine: str) -> tuple[int | str, float, str]:
    t0 = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "izlem_audit.cli", "check", str(pdf), "--engine", engine, "-q",
                               "--page-timeout", "10", "--format", "json", "--output", str(pdf) + ".json"],
                              capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return "hang", time.monotonic() - t0, ""
    return proc.returncode, time.monotonic() - t0, proc.stderr


def fuzz(runs: int, seed: int, timeout: float = 60.0, seeds: list[Path] | None = None,
         engines: tuple[str, ...] = ("pdfium", "pdfplumber")) -> tuple[Counter, list[str]]:
    rng = random.Random(seed)
    outcomes: Counter = Counter()
    failures: list[str] = []
    seeds = seeds or SEEDS
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            src = rng.choice(seeds)
            kind, data = mutate(src.read_bytes(), rng)
            pdf = Path(tmp) / f"m{i}.pdf"
            pdf.write_bytes(data)
            engine = engines[i % len(engines)]
            code, seconds, err = run_one(pdf, timeout, engine)
            outcomes[code] += 1
            bad = code not in (0, 1, 2) or "Traceback" in err or (code == 2 and len(err.strip().splitlines()) != 1)
            if bad:
                failures.append(f"{src.name} {kind} seed={seed} run={i} engine={engine}: exit {code}, "
                                f"{seconds:.1f}s, stderr: {err.strip()[:300]}")
    return outcomes, failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    t0 = time.monotonic()
    outcomes, failures = fuzz(args.runs, args.seed, args.timeout)
    for f in failures:
        print("FAIL", f)
    print(f"{args.runs} inputs in {time.monotonic() - t0:.0f}s; outcomes: {dict(outcomes)}; failures: {len(failures)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
