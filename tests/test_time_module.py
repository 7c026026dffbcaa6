"""pyexpr-only checks of the `time` module that CPython cannot be the oracle
for: sleep() counts against the run's timeout, and the clocks move."""

from __future__ import annotations

import time

from _util import run_pyexpr


def test_sleep_ends_at_the_timeout() -> None:
    t0 = time.monotonic()
    res = run_pyexpr(["--timeout", "0.3", "-c", "import time\ntime.sleep(30)\n"])
    assert time.monotonic() - t0 < 5
    assert res.returncode == 1
    assert res.last_line == "LimitError: time limit exceeded (timeout=0.3s)"


def test_sleep_sleeps_and_clocks_advance() -> None:
    src = ("import time\n"
           "a, b, w = time.monotonic(), time.perf_counter(), time.time()\n"
           "time.sleep(0.05)\n"
           "print(time.monotonic() - a >= 0.05, time.perf_counter() - b >= 0.05, time.time() >= w)\n")
    res = run_pyexpr(["-c", src])
    assert res.stdout == b"True True True\n", res.describe()


def test_wall_clock_is_the_hosts() -> None:
    res = run_pyexpr(["-c", "import time\nprint(time.time())\n"])
    assert abs(float(res.stdout) - time.time()) < 5
