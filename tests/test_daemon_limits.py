"""Daemon limits under load (docs/daemon.md "Memory budget"): the global
memory budget (admission control), per-request limits, the --via-daemon
client's "at most once" rule, and survival after hostile and heavy requests.

Real daemons on private sockets (the helpers of test_daemon.py); every wait
is bounded and every daemon is stopped by the fixtures.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
import threading
import time

import pytest

from _util import get_pyexpr_bin
from test_daemon import (  # noqa: F401  (fixtures)
    Daemon,
    LimitError,
    _alive,
    _loop_source,
    daemon,
    frame,
    quick_ok,
    raw_conn,
    read_response,
    run_frame,
    sockdir,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux daemon")

MiB = 1 << 20
# sanitizer builds hold freed memory in a quarantine: RSS says nothing there
RSS_CHECKS = not any(s in os.path.basename(get_pyexpr_bin()) for s in ("asan", "tsan"))


def _vm_hwm(pid: int) -> int:
    """Peak resident set size of a process, in bytes."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def _heavy_source(seconds: float) -> str:
    """About 24 MiB of list, kept alive while a loop runs ~seconds."""
    loop, n = _loop_source(seconds)
    return "x = [0] * 1500000\n" + loop + "len(x)\n"


def _concurrent_runs(d: Daemon, src: str, n: int, **limits):
    results = []
    lock = threading.Lock()

    def go():
        with d.client(timeout=60) as c:
            t0 = time.monotonic()
            r = c.run(src, echo=True, **limits)
            with lock:
                results.append((r, time.monotonic() - t0))

    ths = [threading.Thread(target=go) for _ in range(n)]
    for t in ths:
        t.start()
    for t in ths:
        t.join(90)
    assert len(results) == n
    return results


def test_budget_refuses_what_does_not_fit(daemon):
    """6 concurrent 24 MiB requests, max_memory 32M each, budget 64M: two
    run at once; the others wait --budget-wait, then get a LimitError naming
    the budget. The daemon's peak RSS stays near the budget."""
    daemon.start("--workers", "4", "--memory-budget", "64M", "--max-memory", "32M",
                 "--budget-wait", "0.2", "--timeout", "30")
    src = _heavy_source(1.0)
    results = _concurrent_runs(daemon, src, 6)
    ok = [r for r, _ in results if r.status == 0]
    refused = [r for r, _ in results if r.status == 2]
    assert len(ok) + len(refused) == 6, [(r.status, r.stderr) for r, _ in results]
    assert len(ok) >= 2 and len(refused) >= 1
    for r in ok:
        assert r.stdout == b"1500000\n"
    for r in refused:
        assert r.exc_type == "LimitError" and r.exit_code == 1 and r.stdout == b""
        assert r.exc_message.startswith(
            "daemon memory budget exhausted (memory_budget=67108864 bytes;"), r.exc_message
        assert r.exc_message.endswith("this request needs max_memory=33554432 bytes)")
        assert r.stderr == b"LimitError: " + r.exc_message.encode() + b"\n"
    st = daemon.status()
    mb = st["memory_budget"]
    assert mb["budget"] == 64 * MiB and mb["reserved"] == 0 and mb["running"] == 0
    assert mb["refused"] == len(refused) and mb["waited"] >= len(refused)
    assert st["limit_errors"] == len(refused)
    # at most two 24 MiB lists were ever alive at once (+ the daemon itself)
    assert not RSS_CHECKS or _vm_hwm(st["pid"]) < 64 * MiB + 40 * MiB, _vm_hwm(st["pid"])
    quick_ok(daemon)


def test_budget_waiting_requests_run_later(daemon):
    """The same load with a long --budget-wait: everyone runs, in turn."""
    daemon.start("--workers", "4", "--memory-budget", "64M", "--max-memory", "32M",
                 "--budget-wait", "60", "--timeout", "30")
    results = _concurrent_runs(daemon, _heavy_source(0.3), 4)
    assert all(r.status == 0 and r.stdout == b"1500000\n" for r, _ in results), [
        (r.status, r.stderr) for r, _ in results]
    st = daemon.status()
    assert st["memory_budget"]["refused"] == 0
    assert not RSS_CHECKS or _vm_hwm(st["pid"]) < 64 * MiB + 40 * MiB


def test_smaller_request_limits_admit_more(daemon):
    """A request's own max_memory is what it reserves: 8 requests of 4 MiB
    fit together in a 64M budget where the 32M default would admit two."""
    daemon.start("--workers", "8", "--memory-budget", "64M", "--max-memory", "32M",
                 "--budget-wait", "0", "--timeout", "30")
    loop, n = _loop_source(0.5)
    results = _concurrent_runs(daemon, loop, 8, max_memory=4 * MiB)
    assert all(r.status == 0 for r, _ in results), [(r.status, r.stderr) for r, _ in results]
    assert daemon.status()["memory_budget"]["refused"] == 0


def test_budget_caps_max_memory(daemon):
    """--max-memory above the budget (or unlimited) is capped to it."""
    daemon.start("--memory-budget", "8M", "--max-memory", "0")
    st = daemon.status()
    assert st["limits"]["max_memory"] == 8 * MiB and st["memory_budget"]["budget"] == 8 * MiB
    r = daemon.cli("--via-daemon", "-c", "x = [0] * 10 ** 6")
    assert r.returncode == 1
    assert r.stderr.endswith(b"LimitError: memory limit exceeded (max_memory=8388608 bytes)\n")
    r = daemon.cli("--via-daemon", "-c", "len([0] * 1000)")
    assert (r.stdout, r.returncode) == (b"1000\n", 0)


def test_no_budget(daemon):
    daemon.start("--memory-budget", "0", "--workers", "2", "--timeout", "30")
    st = daemon.status()
    assert st["memory_budget"]["budget"] == 0
    results = _concurrent_runs(daemon, _heavy_source(0.2), 3)
    assert all(r.status == 0 for r, _ in results), [(r.status, r.stderr) for r, _ in results]


def test_via_daemon_timeout_does_not_rerun(daemon):
    """The daemon took the program but the client gave up waiting
    (PYEXPR_DAEMON_TIMEOUT): an error, not a second, unlimited run here."""
    daemon.start("--timeout", "4")
    t0 = time.monotonic()
    r = daemon.cli("--via-daemon", "-c", "while True: pass", env={"PYEXPR_DAEMON_TIMEOUT": "0.5"},
                   timeout=30)
    assert time.monotonic() - t0 < 3.5
    assert r.returncode == 1 and r.stdout == b""
    assert b"no answer came" in r.stderr and b"not running it again" in r.stderr
    quick_ok(daemon)


def test_daemon_survives_hostile_and_heavy_requests(daemon):
    """Garbage, malformed frames, hostile programs and more heavy requests
    than the budget allows, all at once: the daemon answers each (or drops
    the connection for framing errors) and still serves afterwards."""
    daemon.start("--workers", "3", "--memory-budget", "96M", "--max-memory", "32M",
                 "--budget-wait", "0.5", "--timeout", "1", "--max-output", "64K",
                 "--io-timeout", "1")
    pid = daemon.pid()
    programs = [
        "while True: pass",
        "x = []\nwhile True: x.append([0] * 1000)",
        "def f(n): return f(n + 1)\nf(0)",
        "print('x' * 10 ** 6)",
        "s = 'a'\nwhile True: s = s + s",
        "3 ** (10 ** 7)",
        "d = {}\nfor i in range(10 ** 7): d[i] = i",
        "raise SystemExit(7)",
        "raise KeyboardInterrupt",
        "l = [1]\nl.append(l)\nl",
        "x = (" * 200 + ")" * 200,
        "'\\ud800'",
        "int('9' * 100000)",
        "[0] * (2 ** 62)",
        "10 ** 5000",
        "exec('1')",
        "import os",
    ]
    hostile_frames = [
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        struct.pack("<I", 0xFFFFFFF0) + b"PP",
        frame(9),
        frame(1, 7, 0, b""),
        run_frame("1", extra=b"trailing"),
        frame(1, 2, 1, struct.pack("<I", 1) + b"x" + struct.pack("<I", 1) + b"x" + struct.pack("<I", 5)),
        run_frame("1", fn="a\x00b"),
        frame(1, 2, 0, struct.pack("<I", 2) + b"\xff\xfe" + struct.pack("<I", 1) + b"\xff"),
    ]
    errors = []

    def program(src):
        try:
            with daemon.client(timeout=60) as c:
                r = c.run(src, echo=True)
                if r.status not in (0, 1, 2):
                    errors.append((src, r.status, r.stderr))
        except Exception as e:  # noqa: BLE001
            errors.append((src, repr(e)))

    def hostile(data):
        try:
            s = raw_conn(daemon, timeout=10)
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            while s.recv(65536):
                pass
            s.close()
        except OSError:
            pass

    ths = [threading.Thread(target=program, args=(p,)) for p in programs]
    ths += [threading.Thread(target=program, args=(_heavy_source(0.5),)) for _ in range(6)]
    ths += [threading.Thread(target=hostile, args=(h,)) for h in hostile_frames]
    for t in ths:
        t.start()
    for t in ths:
        t.join(120)
    assert not any(t.is_alive() for t in ths)
    assert not errors, errors
    assert _alive(pid)
    quick_ok(daemon, 5)
    st = daemon.status()
    assert st["running"] and st["pid"] == pid and st["protocol_errors"] >= 5
    assert st["memory_budget"]["reserved"] == 0
    # every program again, one by one: same answers as direct execution
    # where no daemon limit applies
    for src in ("raise SystemExit(7)", "l = [1]\nl.append(l)\nl", "10 ** 5000", "import os"):
        a = daemon.cli("-c", src)
        b = daemon.cli("--via-daemon", "-c", src)
        assert (b.stdout, b.stderr, b.returncode) == (a.stdout, a.stderr, a.returncode), src
    assert not RSS_CHECKS or _vm_hwm(pid) < 96 * MiB + 64 * MiB
    r = daemon.cli("--stop-daemon")
    assert r.returncode == 0
    assert "Sanitizer" not in daemon.log() and "runtime error" not in daemon.log()


def test_stop_wakes_requests_waiting_for_budget(daemon):
    """A graceful stop does not wait out --budget-wait: a request waiting for
    budget is answered UNAVAILABLE at once (it never ran; the CLI client
    then runs it directly), the running one finishes."""
    daemon.start("--workers", "3", "--memory-budget", "32M", "--max-memory", "32M",
                 "--budget-wait", "60", "--timeout", "30", "--stop-timeout", "30")
    src, n = _loop_source(1.5)
    a = raw_conn(daemon, timeout=30)
    a.sendall(run_frame(src))
    time.sleep(0.3)
    b = raw_conn(daemon, timeout=30)
    b.sendall(run_frame("6 * 7"))
    assert _wait_status(daemon, lambda st: st["memory_budget"]["waited"] >= 1)
    t0 = time.monotonic()
    stop = daemon.cli("--stop-daemon", timeout=60)
    status, exitc, fields = read_response(b)
    assert (status, exitc) == (5, 1) and fields[0] == b"" and b"stopping" in fields[1]
    status, exitc, fields = read_response(a)
    assert (status, exitc, fields[0]) == (0, 0, f"{n * (n - 1) // 2}\n".encode())
    assert stop.returncode == 0 and time.monotonic() - t0 < 20
    a.close()
    b.close()


def _wait_status(d: Daemon, pred, timeout=10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred(d.status()):
            return True
        time.sleep(0.02)
    return False


DEEP_PROGRAMS = {
    # /work/notes/findings.md F2-F4: native recursion in the parser, the
    # compiler and exception deallocation overflows the C stack; in the
    # daemon that kills every client's service (F8). The fixes belong to the
    # engine (non-recursive parser/compiler/dealloc); the daemon has no safe
    # way to survive a SIGSEGV on its own.
    "long_chain": "1" + "+1" * 131000,
    "many_elifs": "if 0: pass\n" + "elif 0: pass\n" * 100000,
    "exception_chain": ("prev = None\nfor i in range(75000):\n    try:\n"
                        "        raise ValueError(i) from prev\n    except ValueError as e:\n"
                        "        prev = e\nraise prev\n"),
}


@pytest.mark.parametrize("name", sorted(DEEP_PROGRAMS))
def test_deep_programs_do_not_kill_the_daemon(daemon, name):
    daemon.start("--timeout", "10")
    pid = daemon.pid()
    with daemon.client(timeout=60) as c:
        try:
            c.run(DEEP_PROGRAMS[name], echo=True)
        except Exception:  # noqa: BLE001  (a dead daemon: checked below)
            pass
    assert _alive(pid), "the daemon died"
    quick_ok(daemon)


def test_oversized_frame_gets_the_daemons_answer(daemon):
    """A request over --max-frame: the client reports the daemon's reason
    (not a broken pipe), and the daemon keeps serving (finding F9)."""
    from pyexpr.client import ProtocolError

    daemon.start("--max-frame", "1M")
    with daemon.client(timeout=60) as c:
        with pytest.raises(ProtocolError, match="exceeds the limit"):
            c.run("x = 1\n#" + "a" * (4 << 20), mode="exec")
        assert c.eval("2 + 3") == 5
