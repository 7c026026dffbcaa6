"""The public embedding API (csrc/include/pyexpr.h), through the C driver
``csrc/tests/test_api.c`` (written against the public header only).

* every subtest of the driver runs as its own process (values, ints,
  containers, runs, display hook, exceptions, host objects, the allocator
  hook with a counting and a failing allocator, interrupts, limits,
  per-run max_memory, code sharing between states);
* ``test_api --oracle`` prints what the API gives for operations whose
  result is Python behaviour (UTF-8 decoding errors, reprs and strs of
  values built through the API, ints from bytes, error messages, exception
  classes made through the API, a traceback); the same operations run by
  the CPython 3.11 oracle must print exactly the same.

The driver is built by the Makefile (``make build/<config>/tests/test_api``,
linking ``libpyexpr.a``); ``PYEXPR_TEST_CONFIG=asan`` selects the
ASan/UBSan/LSan build (``make check CONFIG=asan`` runs it too).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from _util import require_oracle

ROOT = Path(__file__).resolve().parents[1]
CONFIG = os.environ.get("PYEXPR_TEST_CONFIG", "release")
EXE = ROOT / "build" / CONFIG / "tests" / "test_api"
SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"}

SUBTESTS = ["immediates", "str", "ints", "containers", "runs", "display_hook",
            "exception_classes", "exceptions", "host", "host_attrs", "allocator", "state",
            "memory_per_run", "code_sharing", "clock"]

_BUILT: list = []


def driver() -> Path:
    if not _BUILT:
        if not shutil.which("make"):
            pytest.skip("make not found")
        p = subprocess.run(["make", "-s", f"CONFIG={CONFIG}", str(EXE.relative_to(ROOT))],
                           cwd=ROOT, capture_output=True, text=True, timeout=1800,
                           stdin=subprocess.DEVNULL)
        _BUILT.append((p.returncode, p.stdout + p.stderr))
    rc, log = _BUILT[0]
    if rc != 0:
        pytest.fail(f"could not build {EXE}:\n{log}", pytrace=False)
    return EXE


def run_driver(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(driver()), *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **SAN_ENV}, stdin=subprocess.DEVNULL)


def test_subtest_list():
    p = run_driver("--list")
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode().split() == SUBTESTS, "update SUBTESTS to match the driver"


@pytest.mark.parametrize("name", SUBTESTS)
def test_subtest(name):
    p = run_driver(name)
    out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    assert p.returncode == 0 and f"{name}: ok" in out, (
        f"exit {p.returncode}\n--- stdout\n{out[-4000:]}\n--- stderr\n{err[-8000:]}")
    assert "Sanitizer" not in err and "runtime error" not in err, err[-8000:]


def test_unknown_subtest_is_an_error():
    assert run_driver("no_such_subtest").returncode == 2


# The operations of test_api.c's oracle(), as CPython performs them. Where
# the C side builds a value through the API, this builds the same value.
ORACLE_VALUES = r'''
import sys
out = sys.stdout
def line(e):
    msg = str(e)
    out.write(f"{type(e).__name__}: {msg}\n" if msg else f"{type(e).__name__}\n")

# 1. invalid UTF-8, decoded as pe_make_str does (surrogatepass)
for b in [b"\xff", b"a\x80", b"\xc3", b"\xe2\x82", b"\xe2\x28\xa1", b"\xc0\xaf",
          b"\xf4\x90\x80\x80", b"\xf0\x8f\xbf\xbf", b"ok\xed\xa0", b"\xf0\x9f\x98"]:
    try:
        b.decode("utf-8", "surrogatepass")
        out.write("ok\n")
    except Exception as e:
        line(e)

# 2. reprs and strs (the C string has 12 bytes: its NUL terminator included)
s = "it's \"q\"\n\u00e9\x00"
t = (-5, 0.1, s, True)
l = [t]
d = {s: l, None: 1e300 * 1e10}
st = frozenset({3, 1})
for v in [t, l, d, st, s, -0.0, None]:
    out.write(f"{v!r} | {v!s}\n")

# 3. ints
raw = bytes([0] * 9 + [0x80])
v = int.from_bytes(raw, "little", signed=True)
out.write(f"{v!r}\n{float(v)!r}\n")
out.write(f"{int.from_bytes(raw, 'big', signed=False)!r}\n")
for text, base in [("12a", 10), ("0b102", 0)]:
    try:
        int(text, base)
    except Exception as e:
        line(e)
try:
    float(int.from_bytes(b"\xff" * 200, "little"))
except Exception as e:
    line(e)

# 4. the mutators' errors
try:
    d[l] = None
except Exception as e:
    line(e)
try:
    hash(d)
except Exception as e:
    line(e)
out.write("frozenset key ok\n" if d.get(st) is None else "raised\n")

# 5. exceptions made through the API
e = OSError(13, "Permission denied", "/x")
out.write(f"{type(e).__name__} | {e!r} | {e!s}\n")
line(KeyError("k-7"))
out.write("--- traceback\n")
'''

TRACEBACK_SRC = ("def f(x):\n    return g(x) + 1\ndef g(x):\n    return {}[x]\n"
                 "try:\n    f('k')\nexcept KeyError as e:\n    raise ValueError(str(e)) from e\n")


def test_oracle_lines_are_cpythons():
    oracle = require_oracle()
    p = run_driver("--oracle")
    assert p.returncode == 0, p.stderr.decode(errors="replace")
    got = p.stdout.decode("utf-8", "surrogateescape")
    want = subprocess.run([oracle, "-c", ORACLE_VALUES], capture_output=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert want.returncode == 0, want.stderr.decode()
    tb = subprocess.run([oracle, "-c", TRACEBACK_SRC], capture_output=True, timeout=60,
                        stdin=subprocess.DEVNULL)
    expected = want.stdout.decode("utf-8", "surrogateescape") + tb.stderr.decode("utf-8")
    assert got.splitlines() == expected.splitlines()
    assert got == expected
