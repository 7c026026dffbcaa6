#!/usr/bin/env python3
"""Differential program fuzzing campaign: CPython 3.11 vs pyexpr.

    make && make asan
    python3 tools/fuzz_programs.py --minutes 60 --jobs 2 [--seed N] [--out DIR]

Random programs from the grammar-based generator (tools/progfuzz/gen.py) run
through CPython (sys.executable, the oracle) and every pyexpr binary given
(default: build/pyexpr and build/pyexpr-asan when present). Compared: stdout,
the last stderr line (exception type and message) and the exit status;
any signal, sanitizer report or unexpected status of pyexpr is a crash.

Most programs run in batches: each program's body inside its own function,
the call guarded by try/except BaseException printing type and message, so
one process runs --batch programs; 30 % of them are expression batteries
(many independent numeric and str expressions, each printed or its
exception). A fraction (--whole) run as whole
programs, so uncaught tracebacks and module-level code are compared too. A
batch that disagrees is split into its programs; each mismatch is shrunk
(tools/progfuzz/runner.py: delta debugging over blocks and lines, then
bracketed sub-expressions) and written to OUT/<id>/ as repro.py (minimal),
original.py and info.json. At most --per-signature reproducers per
(binary, kind, CPython line, pyexpr line) signature are shrunk.

Prints programs/s, total execs (process runs), findings, and the CPU time
consumed (this process plus workers plus every child, from getrusage);
OUT/stats.json keeps the totals (also written while running) so several
campaigns can be added up. Exit status 1 iff there are findings.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import json
import multiprocessing as mp
import os
import queue
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from progfuzz import gen  # noqa: E402
from progfuzz.runner import ROOT, compare, cpu_seconds, kind  # noqa: E402


def default_bins():
    bins = [os.path.join(ROOT, "build", "pyexpr"), os.path.join(ROOT, "build", "pyexpr-asan")]
    return [b for b in bins if os.access(b, os.X_OK)]


def first_diff(a: bytes, b: bytes):
    """The first differing stdout lines (CPython's, pyexpr's)."""
    la, lb = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    for x, y in zip(la, lb):
        if x != y:
            return x, y
    n = min(len(la), len(lb))
    return (la[n] if n < len(la) else "<end>"), (lb[n] if n < len(lb) else "<end>")


def _mask(s: str) -> str:
    return re.sub(r"\d+", "N", s)[:100]


def signature(b, k, cpy, o):
    if k == "stdout":
        x, y = first_diff(cpy.stdout, o.stdout)
        return f"{k} | {_mask(x)} | {_mask(y)}"
    return f"{k} | {_mask(cpy.last)} | {_mask(o.last)}"


def load_known(path):
    pats = []
    if path and os.path.exists(path):
        for ln in open(path, encoding="utf-8"):
            ln = ln.strip()
            if ln and not ln.startswith("#"):
                pats.append(re.compile(ln))
    return pats


def is_known(known, cpy, o):
    if o.crash:
        return False
    x, y = first_diff(cpy.stdout, o.stdout)
    texts = (x, y, cpy.last, o.last)
    return any(p.search(t) for p in known for t in texts)


def record(out, src, small, b, k, cpy, o, seed, mode):
    h = hashlib.sha1(small.encode()).hexdigest()[:10]
    d = os.path.join(out, f"{os.path.basename(b)}-{h}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "repro.py"), "w") as f:
        f.write(small)
    with open(os.path.join(d, "original.py"), "w") as f:
        f.write(src)
    info = {"binary": b, "kind": k, "seed": seed, "mode": mode,
            "cpython": {"status": cpy.status, "last": cpy.last, "stdout_tail": cpy.stdout[-400:].decode("utf-8", "replace")},
            "pyexpr": {"status": o.status, "last": o.last, "crash": o.crash,
                       "stdout_tail": o.stdout[-400:].decode("utf-8", "replace")}}
    with open(os.path.join(d, "info.json"), "w") as f:
        json.dump(info, f, indent=1)
    return d


def handle_mismatch(args, tmp, src, seed, mode, cpy, outs, bad, seen, q):
    from progfuzz.runner import shrink

    done_here = set()
    for b in bad:
        o = outs[b]
        k = kind(cpy, o)
        if k == "cpython-timeout":
            continue
        if is_known(args.known_pats, cpy, o):
            q.put(("known", 1))
            continue
        sig = signature(b, k, cpy, o)
        if sig in done_here:  # the same mismatch in another build: one reproducer
            continue
        done_here.add(sig)
        sig = os.path.basename(b) + " | " + sig
        seen[sig] = seen.get(sig, 0) + 1
        if seen[sig] > args.per_signature:
            q.put(("dup", sig))
            continue

        def still_bad(text, b=b, k=k):
            c2, o2, bad2 = compare(text, [b], tmp)
            q.put(("execs", 2))
            return bool(bad2) and kind(c2, o2[b]) == k

        small = shrink(src, still_bad, time.time() + args.shrink_seconds)
        c3, o3, _ = compare(small, [b], tmp)
        d = record(args.out, src, small, b, k, c3, o3[b], seed, mode)
        q.put(("finding", sig, d))


def worker(wid, args, deadline, q):
    tmp = tempfile.mkdtemp(prefix=f"progfuzz{wid}-")
    seen = {}
    cpu0 = cpu_seconds()
    reported_cpu = 0.0
    i = 0
    try:
        while time.time() < deadline:
            base = args.seed + (i * args.jobs + wid) * args.batch
            i += 1
            if (i * 37) % 100 < args.whole * 100:
                # whole programs: module level, uncaught tracebacks
                for s in range(base, base + max(1, args.batch // 4)):
                    src = gen.generate(s)
                    cpy, outs, bad = compare(src, args.bins, tmp)
                    q.put(("progs", 1, 1 + len(args.bins)))
                    if bad:
                        handle_mismatch(args, tmp, src, s, "whole", cpy, outs, bad, seen, q)
            else:
                seeds = list(range(base, base + args.batch))
                src, bodies = gen.batch(seeds)
                cpy, outs, bad = compare(src, args.bins, tmp)
                q.put(("progs", len(seeds), 1 + len(args.bins)))
                if bad:
                    for s, body in zip(seeds, bodies):
                        one = gen.PRELUDE + gen.wrap_one(s, body)
                        c1, o1, bad1 = compare(one, args.bins, tmp)
                        q.put(("execs", 1 + len(args.bins)))
                        if bad1:
                            handle_mismatch(args, tmp, one, s, "batch", c1, o1, bad1, seen, q)
            c = cpu_seconds() - cpu0
            q.put(("cpu", c - reported_cpu))
            reported_cpu = c
    finally:
        c = cpu_seconds() - cpu0
        q.put(("cpu", c - reported_cpu))
        q.put(("exit", wid))
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=None, help="first seed (default: from the clock)")
    ap.add_argument("--batch", type=int, default=20, help="programs per batch process")
    ap.add_argument("--whole", type=float, default=0.25, help="fraction of rounds run as whole programs")
    ap.add_argument("--bin", dest="bins", action="append", help="pyexpr binary (repeatable)")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "progfuzz-findings"))
    ap.add_argument("--shrink-seconds", type=float, default=120.0)
    ap.add_argument("--per-signature", type=int, default=2)
    ap.add_argument("--known", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "progfuzz", "known.txt"),
                    help="regexes of known mismatches not to shrink again ('' for none)")
    args = ap.parse_args()
    args.bins = [os.path.abspath(b) for b in (args.bins or default_bins())]
    args.known_pats = load_known(args.known)
    if not args.bins:
        sys.exit("no pyexpr binary: run `make` (and `make asan`) or pass --bin")
    if args.seed is None:
        args.seed = int(time.time()) % 1_000_000 * 1000
    os.makedirs(args.out, exist_ok=True)
    print(f"fuzz_programs: seed {args.seed}, {args.jobs} jobs, {args.minutes} min, bins: "
          + ", ".join(os.path.relpath(b, ROOT) for b in args.bins), flush=True)

    t0 = time.time()
    cpu_main0 = cpu_seconds()
    deadline = t0 + args.minutes * 60
    q = mp.Queue()
    procs = [mp.Process(target=worker, args=(w, args, deadline, q), daemon=True) for w in range(args.jobs)]
    for p in procs:
        p.start()
    progs = execs = dups = known = 0
    cpu_workers = 0.0
    findings = []
    alive = len(procs)
    last_print = t0
    stats_path = os.path.join(args.out, "stats.json")

    def stats():
        el = time.time() - t0
        cpu = cpu_workers + cpu_seconds() - cpu_main0
        return {"seed": args.seed, "jobs": args.jobs, "wall_seconds": round(el, 1),
                "cpu_seconds": round(cpu, 1), "programs": progs, "execs": execs,
                "programs_per_second": round(progs / el, 2) if el else 0,
                "findings": len(findings), "duplicates_skipped": dups, "known_skipped": known,
                "finding_dirs": [d for _, d in findings], "bins": args.bins}

    while alive:
        try:
            m = q.get(timeout=5)
        except queue.Empty:
            m = None
            if not any(p.is_alive() for p in procs):
                break
        if m:
            if m[0] == "progs":
                progs += m[1]
                execs += m[2]
            elif m[0] == "execs":
                execs += m[1]
            elif m[0] == "cpu":
                cpu_workers += m[1]
            elif m[0] == "dup":
                dups += 1
            elif m[0] == "known":
                known += 1
            elif m[0] == "finding":
                findings.append((m[1], m[2]))
                print(f"FINDING {m[1]}\n   -> {m[2]}/repro.py", flush=True)
            elif m[0] == "exit":
                alive -= 1
        if time.time() - last_print > 30:
            last_print = time.time()
            s = stats()
            print(f"[{s['wall_seconds']:7.0f}s] {progs} programs ({s['programs_per_second']}/s), "
                  f"{execs} execs, {len(findings)} findings, cpu {s['cpu_seconds']:.0f}s", flush=True)
            with open(stats_path, "w") as f:
                json.dump(s, f, indent=1)
    for p in procs:
        p.join(timeout=30)
    s = stats()
    with open(stats_path, "w") as f:
        json.dump(s, f, indent=1)
    print(f"done: {progs} programs in {s['wall_seconds']}s ({s['programs_per_second']} programs/s), "
          f"{execs} execs, {len(findings)} findings ({dups} duplicates not shrunk, {known} known), "
          f"CPU {s['cpu_seconds']}s ({s['cpu_seconds'] / 3600:.3f} CPU-hours); stats: {stats_path}")
    for sig, d in findings:
        print(f"  {sig}\n    {d}/repro.py")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
