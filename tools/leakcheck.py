#!/usr/bin/env python3
"""Run every corpus program under the ASan+UBSan+LSan build.

    python3 tools/leakcheck.py [--bin build/pyexpr-asan] [--jobs N] [PATTERN...]

Each program runs with PYEXPR_LEAKCHECK=1 (the binary frees its whole state
at exit, so anything left is a real leak) and with sanitizers set to abort on
the first report. The script fails if any program crashes, reports a
sanitizer error, or leaks a single byte; it prints one line per failure and a
final "N passed, N failed" line. `make leakcheck` builds the binary and runs
this.
"""
import argparse
import concurrent.futures
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKERS = (b"ERROR: AddressSanitizer", b"ERROR: LeakSanitizer", b"runtime error:",
           b"SUMMARY: UndefinedBehaviorSanitizer", b"Segmentation fault")


def run_one(binary, path, timeout):
    env = dict(os.environ)
    env["PYEXPR_LEAKCHECK"] = "1"
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0:exitcode=99:allocator_may_return_null=1"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1:exitcode=98"
    env["LSAN_OPTIONS"] = "exitcode=97"
    try:
        p = subprocess.run([binary, path], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return path, "timeout"
    if p.returncode not in (0, 1) or any(m in p.stderr for m in MARKERS):
        tail = p.stderr.decode("utf-8", "replace").strip().splitlines()[-12:]
        return path, f"exit {p.returncode}\n    " + "\n    ".join(tail)
    return path, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "pyexpr-asan"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("patterns", nargs="*", default=["tests/corpus/*/*.py"])
    args = ap.parse_args()
    files = sorted({f for pat in args.patterns for f in glob.glob(os.path.join(ROOT, pat))})
    if not files:
        print("no corpus files matched", file=sys.stderr)
        return 2
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for path, err in ex.map(lambda f: run_one(args.bin, f, args.timeout), files):
            if err:
                failed += 1
                print(f"FAIL {os.path.relpath(path, ROOT)}: {err}")
    print(f"leakcheck: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
