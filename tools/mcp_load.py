#!/usr/bin/env python3
"""Load test of `pyexpr --mcp` over stdio (issue 16's targets: p95 of a
trivial tools/call < 1 ms, >= 10,000 messages/s sequentially).

    python3 tools/mcp_load.py [--bin build/pyexpr] [--count 2000] [--seconds 30] [--json]

Three phases on one server process, each bounded by --count messages and
--seconds of wall time:
  latency    one trivial tools/call (`1 + 1`) at a time: the client sends a
             request and waits for its response; p50/p95/p99/max latency
  pipelined  --count tools/call requests written at once, answered in
             order (ids checked): messages/s
  ping       the same with `ping`: the protocol layer alone
Prints a table (or one JSON object with --json); exit status 1 when a
response is missing, out of order or an error.
"""
from __future__ import annotations

import argparse
import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Server:
    def __init__(self, binary: str, args: list[str]):
        self.p = subprocess.Popen([binary, "--mcp", *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, bufsize=0)
        self.fd = self.p.stdout.fileno()
        self.buf = b""

    def send(self, data: bytes) -> None:
        self.p.stdin.write(data)

    def lines(self, n: int, deadline: float):
        """Yields n response lines (bytes)."""
        got = 0
        while got < n:
            i = self.buf.find(b"\n")
            if i < 0:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"only {got} of {n} responses in time")
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    raise EOFError("server closed stdout")
                self.buf += chunk
                continue
            line, self.buf = self.buf[:i], self.buf[i + 1:]
            got += 1
            yield line

    def close(self) -> int:
        self.p.stdin.close()
        return self.p.wait(30)


def call(i: int, code: str = "1 + 1") -> bytes:
    return (json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                        "params": {"name": "run_python", "arguments": {"code": code}}}) + "\n").encode()


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(ROOT / "build" / "pyexpr"))
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("server_args", nargs="*", help="extra options for pyexpr --mcp")
    a = ap.parse_args()
    s = Server(a.bin, a.server_args)
    deadline = time.monotonic() + a.seconds
    ok = True
    s.send(b'{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",'
           b'"capabilities":{},"clientInfo":{"name":"mcp_load","version":"1"}}}\n'
           b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    next(s.lines(1, deadline))
    for i in range(50):  # warm-up: worker started, code cached
        s.send(call(i))
        next(s.lines(1, deadline))

    lat = []
    for i in range(a.count):
        if time.monotonic() > deadline:
            break
        msg = call(i)
        t0 = time.perf_counter()
        s.send(msg)
        line = next(s.lines(1, deadline))
        lat.append((time.perf_counter() - t0) * 1e3)
        r = json.loads(line)
        if r.get("id") != i or r["result"]["structuredContent"]["result"] != "2":
            ok = False

    def pipelined(make) -> float:
        nonlocal ok
        data = b"".join(make(i) for i in range(a.count))
        t0 = time.perf_counter()
        import threading
        w = threading.Thread(target=s.send, args=(data,))
        w.start()
        for i, line in enumerate(s.lines(a.count, deadline)):
            if json.loads(line).get("id") != i:
                ok = False
        dt = time.perf_counter() - t0
        w.join()
        return a.count / dt

    calls_s = pipelined(call)
    pings_s = pipelined(lambda i: (json.dumps({"jsonrpc": "2.0", "id": i, "method": "ping"}) + "\n").encode())
    rc = s.close()
    res = {
        "count": len(lat),
        "latency_ms": {"p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99), "max": max(lat)},
        "tools_call_per_s": calls_s,
        "ping_per_s": pings_s,
        "ok": ok and rc == 0,
    }
    if a.json:
        print(json.dumps(res))
    else:
        L = res["latency_ms"]
        print(f"trivial tools/call, one at a time ({res['count']} calls):")
        print(f"  latency ms  p50 {L['p50']:.3f}  p95 {L['p95']:.3f}  p99 {L['p99']:.3f}  max {L['max']:.3f}")
        print(f"pipelined tools/call: {calls_s:,.0f} messages/s")
        print(f"pipelined ping:       {pings_s:,.0f} messages/s")
        print("responses: " + ("all present, in order" if res["ok"] else "MISSING / OUT OF ORDER / ERROR"))
    return 0 if res["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
