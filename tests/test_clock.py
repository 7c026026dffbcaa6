"""The host clock in the front ends: ``pyexpr --fixed-time SECONDS`` and the
extension's ``clock=`` keyword (``pyexpr.eval/exec``, ``Code.eval/exec``).

A fixed or virtual clock is what time.time(), datetime's now()/today()/
utcnow() read; with a clock set, unseeded ``random`` is seeded from it, so a
run is reproducible. Without one, the real clock and the host's entropy are
used: two runs draw different numbers. The expected dates come from this
Python's datetime (the calendar arithmetic of the same instant)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from _util import run_pyexpr

T = 1700000000.5
PROG = ("import time, datetime, random\n"
        "print(time.time())\n"
        "print(datetime.datetime.now().isoformat())\n"
        "print(datetime.datetime.utcnow().isoformat())\n"
        "print(datetime.date.today().isoformat())\n"
        "print(random.random(), random.randrange(10**9))\n")


def _out(res) -> list[str]:
    assert res.returncode == 0, res.stderr
    return res.stdout.decode().splitlines()


def test_cli_fixed_time_is_what_scripts_read():
    lines = _out(run_pyexpr(["--fixed-time", str(T), "-c", PROG]))
    when = dt.datetime.fromtimestamp(T, dt.timezone.utc).replace(tzinfo=None)
    assert lines[0] == repr(T)
    assert lines[2] == when.isoformat()
    # now()/today() are local time: the same instant within a day of UTC
    assert abs(dt.datetime.fromisoformat(lines[1]) - when) <= dt.timedelta(hours=14)
    assert abs(dt.date.fromisoformat(lines[3]) - when.date()) <= dt.timedelta(days=1)


def test_cli_fixed_time_makes_random_reproducible():
    a = _out(run_pyexpr([f"--fixed-time={T}", "-c", PROG]))
    b = _out(run_pyexpr([f"--fixed-time={T}", "-c", PROG]))
    c = _out(run_pyexpr(["--fixed-time", "1700000001", "-c", PROG]))
    assert a == b
    assert a[4] != c[4]


def test_cli_unseeded_random_uses_entropy_by_default():
    a = _out(run_pyexpr(["-c", PROG]))
    b = _out(run_pyexpr(["-c", PROG]))
    assert a[4] != b[4]
    assert abs(float(a[0]) - time.time()) < 120


@pytest.mark.parametrize("bad", ["abc", "", "1e30", "nan"])
def test_cli_fixed_time_bad_value(bad):
    res = run_pyexpr(["--fixed-time", bad, "-c", "pass"])
    assert res.returncode == 2
    assert b"bad value for --fixed-time" in res.stderr


def test_cli_help_mentions_fixed_time():
    assert b"--fixed-time SECONDS" in run_pyexpr(["--help"]).stdout


# ---- the extension ----

@pytest.fixture(scope="module")
def pyexpr():
    from _extension_build import load_pyexpr
    return load_pyexpr()


SRC = ("import time, datetime, random\n"
       "t = time.time()\n"
       "now = datetime.datetime.utcnow().isoformat()\n"
       "r = random.random()\n")


def test_ext_fixed_clock(pyexpr):
    g = pyexpr.exec(SRC, clock=T)
    assert g["t"] == T
    assert g["now"] == dt.datetime.fromtimestamp(T, dt.timezone.utc).replace(tzinfo=None).isoformat()
    assert pyexpr.exec(SRC, clock=T)["r"] == g["r"]
    assert pyexpr.exec(SRC, clock=int(T))["t"] == int(T)


def test_ext_virtual_clock(pyexpr):
    ticks = iter(range(100, 200))
    g = pyexpr.exec("import time\na = time.time()\nb = time.time()\n", clock=lambda: next(ticks))
    assert (g["a"], g["b"]) == (100.0, 101.0)


def test_ext_code_object_and_eval(pyexpr):
    c = pyexpr.compile("import time\nt = time.time()\n")
    assert c.exec(clock=5.25)["t"] == 5.25
    assert pyexpr.exec(c, clock=6.5)["t"] == 6.5


def test_ext_default_is_real_clock_and_entropy(pyexpr):
    a = pyexpr.exec(SRC)
    b = pyexpr.exec(SRC, clock=None)
    assert abs(a["t"] - time.time()) < 120
    assert a["r"] != b["r"]
    # the clock does not stick to the pooled state
    assert abs(pyexpr.exec(SRC)["t"] - time.time()) < 120


def test_ext_clock_errors(pyexpr):
    with pytest.raises(TypeError, match="clock must be None, a number of seconds or a callable"):
        pyexpr.exec("pass", clock="now")
    with pytest.raises(TypeError, match="clock must be"):
        pyexpr.exec("pass", clock=True)

    def boom():
        raise OSError("no clock")

    with pytest.raises(OSError, match="no clock"):
        pyexpr.exec("import time\nt = time.time()\n", clock=boom)
    with pytest.raises(TypeError, match=r"clock\(\) must return a number of seconds, not str"):
        pyexpr.exec("import time\nt = time.time()\n", clock=lambda: "x")
    assert pyexpr.exec("x = 1", clock=boom)["x"] == 1  # never read: no error
