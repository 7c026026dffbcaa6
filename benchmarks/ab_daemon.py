#!/usr/bin/env python3
"""Interleaved A/B request latency of two daemon binaries (pyexpr.Client, one request at a time).

    python3 benchmarks/ab_daemon.py OLD_BINARY NEW_BINARY     # ROUNDS=6 N=2000 by default

Each round runs every program N times against each daemon (order alternating
between rounds) and takes the median; the report is the minimum of the
per-round medians, so load from other processes inflates both sides alike.
"""
import os, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pyexpr.client import Client
bins = sys.argv[1:3]; ROUNDS = int(os.environ.get("ROUNDS", "6")); N = int(os.environ.get("N", "2000"))
progs = {"arith": ("2 + 3 * 4", None), "genexpr_sum": ("sum(i * i for i in range(100))", None),
         "dict_sort": ("sorted({'b': 2, 'a': 1, 'c': 3}.items())", None),
         "names": ("x * 2 + len(s)", {"x": 3, "s": [1, 2, 3]})}
daemons, clients = [], []
for b in bins:
    d = tempfile.mkdtemp(prefix="pxab", dir="/tmp"); sock = os.path.join(d, "s")
    daemons.append(subprocess.Popen([b, "--daemon", "--foreground", "--socket", sock, "--workers", "2"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for _ in range(200):
        if os.path.exists(sock): break
        time.sleep(0.02)
    time.sleep(0.5); clients.append(Client(sock))
res = {(k, i): [] for k in progs for i in range(2)}
try:
    for r in range(ROUNDS):
        for k, (src, names) in progs.items():
            for i in (0, 1) if r % 2 == 0 else (1, 0):
                c = clients[i]
                for _ in range(100): c.eval(src, names)
                ts = []
                for _ in range(N):
                    t = time.perf_counter_ns(); c.eval(src, names); ts.append(time.perf_counter_ns() - t)
                ts.sort(); res[(k, i)].append(ts[len(ts) // 2] / 1000)
    for k in progs:
        a, b = min(res[(k, 0)]), min(res[(k, 1)])
        print(f"{k:12s} A {a:7.2f} us  B {b:7.2f} us  B/A {b / a:5.3f}")
finally:
    for p in daemons: p.terminate(); p.wait()
