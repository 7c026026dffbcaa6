"""Leak test for the extension: a million evaluations in a loop, RSS flat.

Runs in a subprocess (a clean heap, and a crash cannot take pytest down).
Most evaluations are the hot path (a compiled expression with names); the
rest cover freshly compiled programs, big ints, strings and nested containers
both ways, host functions, print output, caught engine and host exceptions,
a step limit and reference cycles. RSS is measured after a 10% warm-up.
With $CI set the count is 200,000 (still >= 200k) to keep the run short on
slow machines; otherwise 1,000,000.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from _extension_build import load_pyexpr

pyexpr = load_pyexpr()

EVALUATIONS = 200_000 if os.environ.get("CI") else 1_000_000
RSS_SLACK_KIB = 2048  # allowed growth after warm-up (allocator noise)

CHILD = textwrap.dedent(
    r'''
    import gc, io, json, sys, contextlib
    import pyexpr

    def rss_kib():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * (__import__("os").sysconf("SC_PAGE_SIZE") // 1024)

    total = int(sys.argv[1])
    expr = pyexpr.compile("x * 2 + y", mode="eval")
    prog = pyexpr.compile(
        "a = [x, {'k': s, 'b': big * 3}, (1.5, None, True)]\n"
        "b = f(a)\n"
        "c = {v for v in range(5)}\n"
        "print(len(b))\n"
    )
    cyc = pyexpr.compile("l = []\nl.append(l)\nd = {}\nd['self'] = d\n")
    d1 = {"x": 3, "y": 4}
    d2 = {"x": 2 ** 70, "s": "héllo \U0001F600", "big": -(2 ** 100), "f": lambda v: v}

    def boom(v):
        raise KeyError(v)

    sink = io.StringIO()
    count = 0

    heavy = [
        lambda: prog.exec(d2),
        lambda: cyc.exec(),
        lambda: pyexpr.eval("f(1)", {"f": boom}),
        lambda: pyexpr.eval("1 / 0"),
    ]
    turn = [0]

    def block():
        # 10 evaluations: 8 of a compiled expression with names, one compiled
        # afresh, one of the heavier programs in turn
        for _ in range(8):
            expr.eval(d1)
        pyexpr.eval("2 + 3")
        turn[0] += 1
        try:
            heavy[turn[0] % 4]()
        except (KeyError, ZeroDivisionError):
            pass

    with contextlib.redirect_stdout(sink):
        warm = total // 10
        while count < warm:
            block()
            count += 10
        try:
            pyexpr.exec("while True:\n    pass\n", max_steps=1000)
        except pyexpr.LimitError:
            pass
        gc.collect()
        sink.seek(0); sink.truncate()
        start = rss_kib()
        while count < total:
            block()
            count += 10
            if count % 100_000 == 0:
                sink.seek(0); sink.truncate()
        gc.collect()
        end = rss_kib()
    print(json.dumps({"evaluations": count, "rss_start_kib": start, "rss_end_kib": end,
                      "pool": pyexpr._pyexpr._pool_size()}))
    '''
)


def test_million_evaluations_rss_flat(tmp_path):
    pkg_root = Path(pyexpr.__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(pkg_root)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(EVALUATIONS)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, timeout=600, env=env, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["evaluations"] >= EVALUATIONS >= 200_000
    growth = report["rss_end_kib"] - report["rss_start_kib"]
    assert growth <= RSS_SLACK_KIB, f"RSS grew by {growth} KiB over {report['evaluations']} evaluations: {report}"
    assert 1 <= report["pool"] <= 16
