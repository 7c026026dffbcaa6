#!/usr/bin/env python3
"""MicroPython's tests/basics as an external conformance report for pyexpr.

    python3 tools/mpy_basics.py PATH [--pyexpr BIN] [--cpython EXE]
                                     [--timeout S] [--jobs N] [--json] [-v]

PATH is a MicroPython checkout (or its tests/basics directory). Every
tests/basics/*.py is run as a file (cwd = that directory) by CPython 3.11,
the oracle, and by pyexpr. Files CPython does not run cleanly (nonzero exit
status, anything on stderr, or a timeout) are MicroPython-specific and
excluded. A remaining file passes when pyexpr's stdout and exit status are
CPython's (byte for byte). The report prints the pass rate (passed /
CPython-clean files) and why the others fail, grouped: the SyntaxError
feature, the ModuleNotFoundError module, the missing built-in, the uncaught
exception, a timeout, or an output mismatch (MicroPython tests print "SKIP"
when a feature is missing: counted as "prints SKIP").

The suite is never vendored into this repository. To get it:

    git clone --depth 1 https://github.com/micropython/micropython /tmp/mpy
    python3 tools/mpy_basics.py /tmp/mpy

docs/conformance.md has today's figure and the command that produced it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def find_basics(path: Path) -> Path:
    for cand in (path / "tests" / "basics", path / "basics", path):
        if cand.is_dir() and any(cand.glob("*.py")) and cand.name == "basics":
            return cand
    sys.exit(f"mpy_basics: no tests/basics directory under {path}")


def find_cpython(explicit: str | None) -> str:
    if explicit:
        return explicit
    if sys.version_info[:2] == (3, 11) and sys.implementation.name == "cpython":
        return sys.executable
    for name in ("python3.11", "python3"):
        exe = shutil.which(name)
        if exe:
            return exe
    sys.exit("mpy_basics: no CPython 3.11 found (use --cpython)")


def find_pyexpr(explicit: str | None) -> str:
    if explicit:
        return explicit
    env = os.environ.get("PYEXPR_BIN")
    if env:
        return env
    p = REPO_ROOT / "build" / "pyexpr"
    if not p.exists():
        subprocess.run(["make", "-s"], cwd=REPO_ROOT, check=True)
    return str(p)


def version_of(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=30)
        return (r.stdout or r.stderr).decode(errors="replace").strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def run(cmd: list[str], cwd: Path, timeout: float) -> dict:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONHASHSEED="0", LC_ALL="C.UTF-8")
    env.pop("PYEXPR_DAEMON", None)
    t0 = time.monotonic()
    try:
        r = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"rc": None, "out": b"", "err": b"", "secs": timeout}
    return {"rc": r.returncode, "out": r.stdout, "err": r.stderr, "secs": time.monotonic() - t0}


def last_line(b: bytes) -> str:
    lines = [ln for ln in b.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1].strip() if lines else ""


_QUOTED = re.compile(r"'[^']*'")


_IMPORT = re.compile(r"^\s*(?:import|from)\s+([A-Za-z_][\w.]*)", re.M)


def skip_reason(src: str) -> str:
    """MicroPython's feature tests print SKIP: name the modules the file
    imports that pyexpr lacks (else: a feature probe such as hasattr)."""
    mods = sorted({m for m in _IMPORT.findall(src) if m.split(".")[0] not in ("math", "sys")})
    return "prints SKIP: " + (", ".join(mods) if mods else "a feature probe failed")


def reason(p: dict, c: dict, src: str = "") -> str:
    """Why pyexpr's run p differs from CPython's run c (a report bucket)."""
    if p["rc"] is None:
        return "timeout"
    if p["rc"] < 0:
        return f"crash (signal {-p['rc']})"
    last = last_line(p["err"])
    if p["rc"] != 0 and last:
        if ":" in last:
            etype, msg = last.split(":", 1)
            msg = msg.strip()
        else:
            etype, msg = last, ""
        if etype in ("SyntaxError", "IndentationError", "TabError"):
            return f"SyntaxError: {msg}"
        if etype == "ModuleNotFoundError":
            m = re.match(r"No module named '([^']*)'", msg)
            return f"ModuleNotFoundError: {m.group(1) if m else msg}"
        if etype == "NotImplementedError" and msg.startswith("built-in"):
            m = re.match(r"built-in '([^']*)'", msg)
            return f"missing built-in: {m.group(1) if m else msg}"
        if etype == "LimitError":
            return "LimitError"
        # the exception, with quoted names kept (they say which feature)
        return f"uncaught {etype}: {msg[:70]}"
    if p["out"].strip() == b"SKIP":
        return skip_reason(src)
    if p["rc"] != c["rc"]:
        return f"exit status {p['rc']} (CPython {c['rc']})"
    return "output differs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path, help="MicroPython checkout (or its tests/basics)")
    ap.add_argument("--pyexpr", help="pyexpr binary (default: build/pyexpr, made if missing)")
    ap.add_argument("--cpython", help="CPython 3.11 (default: this interpreter if 3.11)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per file and interpreter")
    ap.add_argument("--jobs", type=int, default=2, help="files run in parallel")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the files of every reason")
    args = ap.parse_args(argv)

    basics = find_basics(args.path.resolve())
    cpython = find_cpython(args.cpython)
    pyexpr = find_pyexpr(args.pyexpr)
    files = sorted(basics.glob("*.py"))

    def one(f: Path) -> tuple:
        c = run([cpython, f.name], basics, args.timeout)
        if c["rc"] != 0 or c["err"]:
            return f.name, c, None
        return f.name, c, run([pyexpr, f.name], basics, args.timeout)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        results = list(ex.map(one, files))

    per_file = {}
    reasons: dict[str, list] = defaultdict(list)
    excluded = Counter()
    for name, c, p in results:
        if p is None:
            why = "timeout" if c["rc"] is None else ("stderr" if c["rc"] == 0 else "nonzero exit")
            excluded[why] += 1
            per_file[name] = {"status": "excluded", "reason": f"CPython: {why}"}
            continue
        if p["rc"] == c["rc"] and p["out"] == c["out"]:
            per_file[name] = {"status": "pass"}
            continue
        r = reason(p, c, (basics / name).read_text(encoding="utf-8", errors="replace"))
        reasons[r].append(name)
        per_file[name] = {"status": "fail", "reason": r}

    clean = sum(1 for v in per_file.values() if v["status"] != "excluded")
    passed = sum(1 for v in per_file.values() if v["status"] == "pass")
    rate = 100.0 * passed / clean if clean else 0.0
    report = {
        "basics": str(basics),
        "cpython": f"{cpython} ({version_of([cpython, '--version'])})",
        "pyexpr": f"{pyexpr} ({version_of([pyexpr, '--version'])})",
        "files": len(files),
        "cpython_clean": clean,
        "excluded": dict(excluded),
        "passed": passed,
        "pass_rate": round(rate, 1),
        "reasons": {k: sorted(v) for k, v in sorted(reasons.items(), key=lambda kv: (-len(kv[1]), kv[0]))},
        "per_file": per_file,
    }
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0

    print(f"MicroPython tests/basics: {basics}")
    print(f"oracle: {report['cpython']}")
    print(f"pyexpr: {report['pyexpr']}")
    ex_txt = ", ".join(f"{n} {k}" for k, n in sorted(excluded.items())) or "none"
    print(f"files: {len(files)}; CPython-clean: {clean} (excluded: {ex_txt})")
    print(f"passed: {passed} / {clean} = {rate:.1f}%")
    print()
    print("failures by reason:")
    # group the SyntaxError / ModuleNotFoundError buckets under their kind too
    kinds = Counter()
    for r, fs in reasons.items():
        kinds[r.split(":", 1)[0] if ":" in r else r] += len(fs)
    for k, n in kinds.most_common():
        print(f"  {n:4d}  {k}")
    print()
    print("in detail:")
    for r, fs in report["reasons"].items():
        line = f"  {len(fs):4d}  {r}"
        if args.verbose:
            line += "\n          " + " ".join(fs)
        elif len(fs) <= 3:
            line += "  (" + ", ".join(fs) + ")"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
