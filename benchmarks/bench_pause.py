"""Pausing runs: suspend + resume of an external call, dump + load of a
paused run (docs/host.md "External calls that pause", docs/performance.md).

    python benchmarks/bench_pause.py          # a few seconds
    python benchmarks/bench_pause.py --json   # one JSON document
    python benchmarks/bench_pause.py --cpython-only   # the generator reference alone

What is measured (best of 5 repeats, per operation):
* c_suspend_resume_ns: the C API alone (build/release/tests/test_suspend
  --bench N): a loop calling a trivial external N times, each call one
  suspend (pe_run_exec/pe_resume returns PE_SUSPENDED) and one pe_resume.
* py_suspend_resume_ns: the same through the extension, Snapshot.resume()
  per call (a Snapshot object, the arguments converted, the GIL released
  and taken back around each step).
* cpython_generator_ns: CPython's nearest equivalent, for scale: a
  generator that yields at each call and is resumed by send() (a pause
  that cannot leave the process); --cpython-only measures this alone (for
  another interpreter, without pyexpr).
* dump_ns / load_ns / dump_bytes: Snapshot.dump() and Snapshot.load() of a
  small paused script (a function frame inside a loop, a few locals, a
  list and a dict).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

pyexpr = None  # loaded in main() (not with --cpython-only)

SMALL = """
def price(item, qty):
    base = lookup(item)
    return base * qty
total = 0
cart = [('apple', 3), ('pear', 2), ('fig', 5)]
seen = {}
for item, qty in cart:
    seen[item] = price(item, qty)
    total += seen[item]
print(total, seen)
"""


def best(fn, repeats=5):
    return min(fn() for _ in range(repeats))


def c_suspend_resume(n=1_000_000):
    exe = ROOT / "build" / "release" / "tests" / "test_suspend"
    if not exe.exists():
        subprocess.run(["make", "-s", "-C", str(ROOT), "check"], check=False, capture_output=True)
    def once():
        out = subprocess.run([str(exe), "--bench", str(n)], capture_output=True, text=True,
                             check=True).stdout
        return float(out.split(",")[1].split()[0])
    return best(once)


def py_suspend_resume(n=200_000):
    code = pyexpr.compile(f"for i in range({n}):\n    ext()\n", mode="exec")
    def once():
        t0 = time.perf_counter_ns()
        s = code.start(externals=["ext"], max_steps=None, timeout=None)
        while isinstance(s, pyexpr.Snapshot):
            s = s.resume(None)
        return (time.perf_counter_ns() - t0) / n
    return best(once)


def dump_load(n=20_000):
    code = pyexpr.compile(SMALL, mode="exec")
    snap = code.start(externals=["lookup"]).resume(1.5)  # paused at the 2nd call
    data = snap.dump()
    def t_dump():
        t0 = time.perf_counter_ns()
        for _ in range(n):
            snap.dump()
        return (time.perf_counter_ns() - t0) / n
    def t_load():
        t0 = time.perf_counter_ns()
        for _ in range(n):
            pyexpr.Snapshot.load(data)
        return (time.perf_counter_ns() - t0) / n
    return best(t_dump), best(t_load), len(data)


def cpython_generator(n=200_000):
    def script(count):
        for _ in range(count):
            yield ("ext", ())  # the external call: its name and arguments

    def once():
        t0 = time.perf_counter_ns()
        g = script(n)
        try:
            g.send(None)
            while True:
                g.send(None)  # the call's result
        except StopIteration:
            pass
        return (time.perf_counter_ns() - t0) / n
    return best(once)


def main():
    global pyexpr
    if "--cpython-only" in sys.argv:
        print(json.dumps({"python": sys.executable, "version": sys.version.split()[0],
                          "cpython_generator_ns": cpython_generator()}))
        return
    from _extension_build import load_pyexpr

    pyexpr = load_pyexpr()
    res = {"c_suspend_resume_ns": c_suspend_resume(), "py_suspend_resume_ns": py_suspend_resume(),
           "cpython_generator_ns": cpython_generator()}
    res["dump_ns"], res["load_ns"], res["dump_bytes"] = dump_load()
    if "--json" in sys.argv:
        print(json.dumps(res))
        return
    print(f"suspend+resume, C API        {res['c_suspend_resume_ns']:8.1f} ns per external call")
    print(f"suspend+resume, extension    {res['py_suspend_resume_ns']:8.1f} ns per external call")
    print(f"CPython generator send()     {res['cpython_generator_ns']:8.1f} ns per yield (for scale)")
    print(f"Snapshot.dump() small script {res['dump_ns'] / 1000:8.2f} us ({res['dump_bytes']} bytes)")
    print(f"Snapshot.load() small script {res['load_ns'] / 1000:8.2f} us")


if __name__ == "__main__":
    main()
