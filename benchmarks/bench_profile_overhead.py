#!/usr/bin/env python3
"""Profiling overhead (and compile-cache costs) - a benchmark, not a test.

Never fails on timing; prints medians and ratios (docs/profiling.md quotes
them). Two parts:

1. CLI: ``pyexpr -c PROG`` (or ``pyexpr FILE``) with and without
   ``--profile``, RUNS times each, interleaved (off, on, off, on, ...), wall
   time per process from fork to exit; reports the median of each and the
   ratio on/off. The report itself goes to stderr, captured and discarded.
   ``--baseline-bin OLD`` adds a third column: a binary built without the
   profiler (to show that "off" costs nothing).
2. Engine (in-process, ``benchmarks/bench_engine.c`` linked with
   build/release/libpyexpr.a from ``make -s lib``, -Icsrc/include only): per-iteration medians of compile, cache hit, run with profiling
   off / on / through a warm cache.

Usage::

    python3 benchmarks/bench_profile_overhead.py [--runs 300] [--bin build/pyexpr]
                                                 [--baseline-bin PATH] [--no-engine]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CSRC = ROOT / "csrc"

CLI_PROGRAMS = {
    "tiny": "2 + 3",
    "small": "def f(n):\n    return sum(i * i for i in range(n))\n[f(k) for k in range(10)]",
    "loop": "t = 0\nfor i in range(200000):\n    t += i % 7\nt",
}


def parse_heavy_source() -> str:
    parts = []
    for i in range(300):
        parts.append(f"def f{i}(a, b={i}):\n    if a > b:\n        return [a * {i}, b]\n"
                     f"    return {{'k': a + b, 'v': (a, b, {i})}}\n")
    return "".join(parts) + "f299(1)\n"


def find_bin(arg: str | None) -> str:
    if arg:
        return arg
    subprocess.run(["make", "-s"], cwd=ROOT, check=True)
    return str(ROOT / "build" / "pyexpr")


def time_run(argv: list[str]) -> int:
    t0 = time.perf_counter_ns()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter_ns() - t0


def bench_cli(binary: str, baseline: str | None, runs: int, tmp: Path) -> None:
    progs = dict(CLI_PROGRAMS)
    heavy = tmp / "parse_heavy.py"
    heavy.write_text(parse_heavy_source())
    cases = [(name, ["-c", src]) for name, src in progs.items()] + [("parse_heavy", [str(heavy)])]
    cols = ["off", "on"] + (["baseline"] if baseline else [])
    print(f"CLI: {runs} runs each, interleaved; median wall time per process (us)")
    hdr = f"{'program':12s} {'off':>9s} {'--profile':>10s} {'on/off':>7s}"
    if baseline:
        hdr += f" {'baseline':>9s} {'off/base':>8s}"
    print(hdr)
    for name, args in cases:
        samples: dict[str, list[int]] = {c: [] for c in cols}
        for c in cols:  # warm up (page cache, CPU frequency)
            for _ in range(3):
                time_run(argv_for(c, binary, baseline, args))
        for i in range(runs):
            order = cols if i % 2 == 0 else cols[::-1]
            for c in order:
                samples[c].append(time_run(argv_for(c, binary, baseline, args)))
        med = {c: statistics.median(v) / 1e3 for c, v in samples.items()}
        line = f"{name:12s} {med['off']:9.1f} {med['on']:10.1f} {med['on'] / med['off']:7.3f}"
        if baseline:
            line += f" {med['baseline']:9.1f} {med['off'] / med['baseline']:8.3f}"
        print(line)
    # one sample report so the reader sees what the stages were
    p = subprocess.run([binary, "--profile-json", "-c", CLI_PROGRAMS["loop"]],
                       capture_output=True, text=True)
    print(f"sample --profile-json (loop): {p.stderr.strip()}")


def argv_for(col: str, binary: str, baseline: str | None, args: list[str]) -> list[str]:
    if col == "on":
        return [binary, "--profile", *args]
    if col == "baseline":
        return [baseline, *args]
    return [binary, *args]


def build_engine_bench(tmp: Path) -> Path | None:
    """bench_engine.c linked with the release engine library (`make -s lib`),
    seeing only the public header."""
    cc = os.environ.get("CC") or next((c for c in ("cc", "gcc", "clang") if shutil.which(c)), None)
    if not cc:
        print("engine benchmark skipped: no C compiler")
        return None
    p = subprocess.run(["make", "-s", "lib"], cwd=str(ROOT), capture_output=True, text=True)
    lib = ROOT / "build" / "release" / "libpyexpr.a"
    if p.returncode or not lib.exists():
        print(f"engine benchmark skipped: `make -s lib` failed\n{(p.stdout + p.stderr)[-3000:]}")
        return None
    out_dir = ROOT / "build" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    exe = out_dir / "bench_engine"
    cmd = [*cc.split(), "-std=c11", "-O2", "-pthread", f"-I{CSRC}/include",
           str(ROOT / "benchmarks" / "bench_engine.c"), str(lib), "-o", str(exe), "-lm"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode:
        print(f"engine benchmark skipped: build failed\n{p.stderr[-3000:]}")
        return None
    return exe


def bench_engine(rounds: int, tmp: Path) -> None:
    exe = build_engine_bench(tmp)
    if not exe:
        return
    p = subprocess.run([str(exe), str(rounds)], capture_output=True, text=True, check=True)
    res: dict[str, dict[str, int]] = {}
    for line in p.stdout.split("\n"):
        if line.strip():
            prog, var, ns = line.split()
            res.setdefault(prog, {})[var] = int(ns)
    print(f"\nEngine (in-process, -O2): median ns per iteration over {rounds} rounds")
    print(f"{'program':12s} {'compile':>9s} {'hit':>7s} {'run_plain':>10s} {'profiled':>10s}"
          f" {'prof/plain':>10s} {'cached':>9s} {'compile/hit':>11s}")
    for prog, v in res.items():
        print(f"{prog:12s} {v['compile']:9d} {v['hit']:7d} {v['run_plain']:10d}"
              f" {v['run_profiled']:10d} {v['run_profiled'] / v['run_plain']:10.3f}"
              f" {v['run_cached']:9d} {v['compile'] / max(v['hit'], 1):11.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", help="pyexpr binary (default: make -s; build/pyexpr)")
    ap.add_argument("--baseline-bin", help="a pyexpr built without the profiler, for 'off' cost")
    ap.add_argument("--runs", type=int, default=300, help="CLI runs per variant and program")
    ap.add_argument("--rounds", type=int, default=21, help="engine rounds")
    ap.add_argument("--no-engine", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not a.no_cli:
            bench_cli(find_bin(a.bin), a.baseline_bin, a.runs, tmp)
        if not a.no_engine:
            bench_engine(a.rounds, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
