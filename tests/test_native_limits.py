"""Limits inside the engine's native operations (issues 10 and 11).

* Long native operations (big-number kernels, math.factorial, native loops
  over iterators, sorting) honour the run's ``timeout``: they end with the
  VM's own LimitError within a wall-clock bound, where CPython would take
  seconds or minutes.
* Amplifying operations (``**``, ``<<``, sequence repetition, padding,
  widths, factorial, ...) are checked against ``max_memory`` before the work
  starts: LimitError at once, not after allocating or computing.
* Without limits, absurd sizes are CPython's MemoryError (compared with
  CPython at test time).
* Deallocating, repr-ing, comparing and hashing very deep structures never
  overflows the C stack; where CPython finishes, the output is compared with
  CPython's (run at test time), otherwise pyexpr must end cleanly.
* %-format width/precision overflow (UBSan): compared with CPython.

The CLI cases also run under the sanitizer build:
``make asan && ASAN_OPTIONS=allocator_may_return_null=1 PYEXPR_BIN=build/pyexpr-asan
pytest tests/test_native_limits.py`` (without that option ASan aborts on the
deliberately absurd allocations instead of returning NULL).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from _util import CRASH_MARKERS, REPO_ROOT, run_cpython, run_pyexpr
from _extension_build import load_pyexpr

pyexpr = load_pyexpr()

# --------------------------------------------------------------------------
# Time budget of native operations (extension, timeout=...)
# --------------------------------------------------------------------------

# Each takes seconds at least (3 ** 10**7 alone now computes in about 1 s,
# too close to the timeouts below to test them: hence 10**8).
SLOW_NATIVE = [
    "x = 3 ** 10**8",
    "x = pow(7, 10**8)",
    "import math\nx = math.factorial(10**6)",
    "import math\nx = math.comb(10**7, 5 * 10**6)",
    "x = pow(3, 10**5000, 10**20000 + 1)",  # Montgomery (odd modulus)
    "x = pow(3, 10**5000, 10**20000)",  # Knuth division (even modulus)
    "x = 10**(10**7) // (10**(5 * 10**6) + 1)",
    "a = 1 << 2**26\nb = 10**300\nfor i in range(1000): c = a * b",  # long basecase products
    "x = 1 << 2**34",  # 2 GB of zeros
    "x = 3 << 2**34",
    "import math\nx = math.prod(range(1, 10**9))",
    "x = sum(range(10**10))",
    "x = max(range(10**10))",
    "x = any(v < 0 for v in range(10**9))",
    "x = list(map(abs, range(10**9)))",
]


@pytest.mark.parametrize("code", SLOW_NATIVE)
def test_native_operation_honours_timeout(code):
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match=r"time limit exceeded \(timeout=0.5s\)"):
        pyexpr.exec(code, timeout=0.5, max_memory=None)
    assert time.monotonic() - t0 < 2.5


@pytest.mark.parametrize("code", ["x = 'ab' * (3 * 10**8)", "x = [1, 2] * (3 * 10**7)",
                                  "x = (1, 2) * (3 * 10**7)", "x = [1, 2]\nx *= 3 * 10**7"])
def test_repetition_filled_under_timeout(code):
    """Repetitions (hundreds of MB) are filled in slices that check the
    timeout; 50 ms is far less than writing that much memory takes."""
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match="time limit exceeded"):
        pyexpr.exec(code, timeout=0.05, max_memory=None)
    assert time.monotonic() - t0 < 1.5


def test_three_pow_ten_pow_seven_timeout_one_second():
    """The issue's reproducer (3 ** 10**7 ran 21-24 s under a 1 s timeout and
    returned OK). The kernels have since become fast enough to finish
    3 ** 10**7 in about a second, so the test uses 10**8 (tens of seconds)."""
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match="time limit exceeded"):
        pyexpr.exec("x = 3 ** 10**8", timeout=1, max_memory=None)
    assert time.monotonic() - t0 < 2.0


@pytest.mark.parametrize("code", ["x = sum(range(10**10))", "x = 3 ** 10**8", "x = sorted(range(10**9))",
                                  "import math\nx = math.factorial(10**7)"])
def test_native_work_counts_against_max_steps(code):
    """A run limited by steps alone cannot spend minutes in one native call:
    native work is charged to max_steps (about one step per 16 items or
    digit operations)."""
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match=r"step limit exceeded \(max_steps=1000000\)"):
        pyexpr.exec(code, max_steps=10**6, timeout=None, max_memory=None)
    assert time.monotonic() - t0 < 2.0


def test_small_native_work_within_max_steps():
    assert pyexpr.exec("x = sum(range(10**4))\ny = 3 ** 1000 % 7", max_steps=10_000) == {
        "x": sum(range(10**4)), "y": 3**1000 % 7}


def test_sort_honours_timeout():
    code = "x = [(i * 7919) % 100003 for i in range(2 * 10**6)]\nfor _ in range(100): y = sorted(x)"
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match="time limit exceeded"):
        pyexpr.exec(code, timeout=0.3, max_memory=None)
    assert time.monotonic() - t0 < 2.0


def test_fast_native_operations_unaffected_by_timeout():
    ns = pyexpr.exec(
        "import math\na = 3 ** 10**5\nb = math.factorial(2000)\nc = pow(3, 10**50, 10**60 + 7)\n"
        "d = sum(range(10**5))\ne = sorted(range(10**4, 0, -1))[:3]",
        timeout=30,
    )
    import math

    assert ns["a"] == 3**10**5
    assert ns["b"] == math.factorial(2000)
    assert ns["c"] == pow(3, 10**50, 10**60 + 7)
    assert ns["d"] == sum(range(10**5))
    assert ns["e"] == [1, 2, 3]


# --------------------------------------------------------------------------
# Memory checked before the work (extension, max_memory=100 MB)
# --------------------------------------------------------------------------

AMPLIFIERS = [
    "x = 'a' * 10**9",
    "x = 'ab' * 10**8",
    "x = [0] * 10**9",
    "x = (1,) * 10**9",
    "x = [0, 1] * 10**8",
    "x = 1 << 10**10",
    "x = 3 << (8 * 10**8)",
    "x = 3 ** 10**8",
    "x = pow(3, 10**8)",
    "x = 12345678901234567891 ** 10**7",
    "x = (1 << 4 * 10**8) * (1 << 4 * 10**8)",
    "x = str(1 << 10**9)",
    "x = hex(1 << 10**9)",
    "x = '-'.join(['a' * 1000] * 10**6)",
    "x = 'a'.ljust(10**9)",
    "x = 'a'.rjust(10**9)",
    "x = 'a'.center(10**9)",
    "x = 'a'.zfill(10**9)",
    "x = '%*d' % (10**9, 1)",
    "x = '%.*d' % (10**9, 1)",
    "x = '%.*f' % (10**9, 1.0)",
    "x = f'{1:{10**9}}'",
    "x = f'{1.5:.{10**9}f}'",
    "x = '{:1000000000}'.format('s')",
    "x = format(7, '01000000000d')",
]


@pytest.mark.parametrize("code", AMPLIFIERS)
def test_amplifier_refused_before_work(code):
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match=r"memory limit exceeded \(max_memory=100000000 bytes\)"):
        pyexpr.exec(code, max_memory=10**8, timeout=None)
    assert time.monotonic() - t0 < 1.5


def test_factorial_refused_before_work():
    """The up-front bound is log2(n!) >= n log2(n/e) for the result plus the
    odd part: 53 MB for 10**7, over a 50 MB limit (the run itself would need
    more than 100 MB and minutes)."""
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match=r"memory limit exceeded \(max_memory=50000000 bytes\)"):
        pyexpr.exec("import math\nx = math.factorial(10**7)", max_memory=5 * 10**7, timeout=None)
    assert time.monotonic() - t0 < 1.5


def test_amplifiers_within_budget_still_work():
    import math

    ns = pyexpr.exec(
        "import math\na = 3 ** 10**6\nb = math.factorial(10**4)\nc = 'ab' * 10**6\nd = [0] * 10**5",
        max_memory=10**8,
    )
    assert ns["a"] == 3**10**6
    assert ns["b"] == math.factorial(10**4)
    assert ns["c"] == "ab" * 10**6
    assert ns["d"] == [0] * 10**5


# --------------------------------------------------------------------------
# Without limits: CPython's MemoryError, promptly (CLI vs CPython)
# --------------------------------------------------------------------------

NO_LIMIT_HUGE = [
    "x = 'a' * 10**12",
    "x = [0] * 10**10",
    "x = (0,) * 10**10",
    "x = 1 << 10**12",
    "x = 'a'.ljust(10**12)",
]


@pytest.mark.parametrize("code", NO_LIMIT_HUGE)
def test_absurd_sizes_are_memoryerror_without_limits(code):
    expected = run_cpython(["-c", code], timeout=60)
    t0 = time.monotonic()
    got = run_pyexpr(["-c", code], timeout=60)
    assert time.monotonic() - t0 < 5
    assert got.returncode == expected.returncode, got.describe()
    assert got.last_line == expected.last_line, got.describe()


# --------------------------------------------------------------------------
# Deep structures: deallocation, repr, comparison, hash (CLI vs CPython)
# --------------------------------------------------------------------------

DEEP_BUILDERS = {
    "list": "x = [x]",
    "tuple": "x = (x,)",
    "dict": "x = {1: x}",
    "map": "x = map(abs, x)",
    "zip": "x = zip(x)",
    "iter": "x = iter([x])",
    "filter": "x = filter(None, x)",
    "bound_method": "x = [x].append",
    "function_defaults": "x = (lambda x=x: x)",
    "exception_args": "x = ValueError(x)",
    "dict_values": "x = {1: x}.values()",
    "closure_cells": "x = (lambda p: lambda: p)(x)",
    "reversed": "x = reversed([x])",
    # CPython itself overflows its C stack on these two (no trashcan):
    "enumerate": "x = enumerate(x)",
    "slice": "x = slice(x)",
}


def _compare_or_clean(code, timeout=120):
    """Compare with CPython when CPython ends cleanly; otherwise pyexpr must
    end cleanly with `ok` printed."""
    got = run_pyexpr(["-c", code], timeout=timeout)
    assert not any(m in got.stderr for m in CRASH_MARKERS), got.describe()
    assert got.returncode in (0, 1), got.describe()
    expected = run_cpython(["-c", code], timeout=timeout)
    if expected.returncode in (0, 1):
        assert got.stdout == expected.stdout, got.describe()
        assert got.last_line == expected.last_line, got.describe()
        assert got.returncode == expected.returncode, got.describe()
    else:
        assert got.returncode == 0 and got.stdout.endswith(b"ok\n"), got.describe()


def test_hash_of_million_deep_tuple():
    """CPython overflows its C stack here; pyexpr hashes with an explicit stack."""
    code = "x = ()\nfor i in range(10**6):\n    x = (x,)\nprint(hash(x) == hash(x))\nprint('ok')\n"
    _compare_or_clean(code)


@pytest.mark.parametrize("kind", sorted(DEEP_BUILDERS))
def test_deep_chain_deallocation(kind):
    depth = "10**6" if kind == "list" else "3 * 10**5"  # far beyond any C stack
    code = f"x = []\nfor i in range({depth}):\n    {DEEP_BUILDERS[kind]}\ndel x\nprint('ok')\n"
    _compare_or_clean(code)


def test_long_exception_cause_chain_deallocation():
    code = (
        "e = None\n"
        "for i in range(75000):\n"
        "    try:\n"
        "        raise ValueError(i) from e\n"
        "    except ValueError as ex:\n"
        "        e = ex\n"
        "print(e.__cause__.args)\n"
        "del e\n"
        "print('ok')\n"
    )
    _compare_or_clean(code)


def test_long_exception_context_chain_deallocation():
    code = (
        "e = None\n"
        "for i in range(75000):\n"
        "    try:\n"
        "        try:\n"
        "            raise e if e is not None else KeyError(0)\n"
        "        except BaseException:\n"
        "            raise ValueError(i)\n"
        "    except ValueError as ex:\n"
        "        e = ex\n"
        "print(type(e.__context__).__name__)\n"
        "del e\n"
        "print('ok')\n"
    )
    _compare_or_clean(code)


DEEP_OPS = [
    # (builder, operation)
    ("x = [x]", "print(repr(x))"),
    ("x = [x]", "print(str(x))"),
    ("x = [x]", "print(ascii(x))"),
    ("x = [x]", "print(f'{x!r}')"),
    ("x = {1: x}", "print(repr(x))"),
    ("x = (x,)", "print(repr(x))"),
    ("x = ValueError(x)", "print(str(x))"),
    ("x = ValueError(x)", "print(repr(x))"),
    ("x = ValueError(x, 2)", "print(str(x))"),
    ("x = KeyError(x)", "print(str(x))"),
    ("x = [x]; y = [y]", "print(x == y)"),
    ("x = [x]; y = [y]", "print(x < y)"),
    ("x = (x,); y = (y,)", "print(x == y)"),
    ("x = (x,); y = (y,)", "print(x <= y)"),
    ("x = {1: x}; y = {1: y}", "print(x == y)"),
    ("x = frozenset([x]); y = frozenset([y])", "print(x == y)"),
    ("x = [x]; y = [y]", "print(x in [y])"),
    ("x = (x,)", "print(x == x)"),
    ("x = (x,)", "print(hash(x) == hash(x), {x: 1}[x])"),
    ("x = (x, i)", "print(hash(x) == hash(x), x in {x})"),
]


@pytest.mark.parametrize("builder,op", DEEP_OPS)
def test_deep_structure_operations(builder, op):
    init = "x = frozenset(); y = frozenset()" if "frozenset" in builder else (
        "x = (); y = ()" if "(x,)" in builder else "x = 1; y = 1" if "Error" in builder else "x = []; y = []")
    code = f"{init}\nfor i in range(10**5):\n    {builder}\n{op}\nprint('ok')\n"
    _compare_or_clean(code)


# --------------------------------------------------------------------------
# %-format / format-spec overflow (UBSan: '%*d' negated INT64_MIN)
# --------------------------------------------------------------------------

FORMAT_EDGE = [
    "'%*d' % (-2**63, 1)",
    "'%-*d' % (-2**63, 1)",
    "'%*s' % (-2**63, 'x')",
    "'%*d' % (-2**63 + 1, 1)",
    "'%*d' % (2**63, 1)",
    "'%.*d' % (2**31, 1)",
    "'%.*d' % (-2**31 - 1, 1)",
    "'%.*d' % (2**31 - 1, 1)",
    "'%.*x' % (2**31 - 3, 1)",
    "'%.*s' % (2**31 - 1, 'ab')",
    "'%.*e' % (2**31 - 1, 1.0)",
    "'%.*e' % (2**31 - 1, 1.5)",
    "'%.*g' % (2**31 - 1, 1.0)",
    "format(1.0, '.2147483647e')",
    "format(1.0, '.2147483647g')",
    "format(1.5, '.2147483648f')",
    "format(1, '9999999999999999999999')",
    "format(1.5, '.9999999999999999999')",
    "format(1, '.2147483647')",
    "'%.*e' % (10**5, 1.5)",
]


@pytest.mark.parametrize("expr", FORMAT_EDGE)
def test_format_width_precision_overflow(expr):
    code = f"try:\n    r = {expr}\n    print(len(r), r[:40])\nexcept Exception as e:\n    print(type(e).__name__, e)\n"
    expected = run_cpython(["-c", code])
    got = run_pyexpr(["-c", code])
    assert (got.stdout, got.returncode) == (expected.stdout, expected.returncode), got.describe()
    assert not any(m in got.stderr for m in CRASH_MARKERS), got.describe()


# --------------------------------------------------------------------------
# Ctrl-C inside a long native operation (extension, subprocess)
# --------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("code", ["x = 3 ** 10**8", "x = sum(range(10**11))"])
def test_ctrl_c_interrupts_native_operation(code):
    src = (
        f"import sys\nsys.path.insert(0, {str(REPO_ROOT)!r})\nimport pyexpr\n"
        "sys.stdout.write('ready\\n'); sys.stdout.flush()\n"
        f"try:\n    pyexpr.exec({code!r}, timeout=None, max_memory=None)\n    print('finished')\n"
        "except KeyboardInterrupt:\n    print('KeyboardInterrupt')\n"
    )
    p = subprocess.Popen([sys.executable, "-c", src], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline() == "ready\n"
        time.sleep(0.5)
        t0 = time.monotonic()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
        elapsed = time.monotonic() - t0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert out.splitlines() == ["KeyboardInterrupt"], err
    assert elapsed < 2.0, elapsed


def test_timeout_message_names_the_limit_after_a_slow_compile():
    """A cache miss's compile time is charged to the run (pe_run_charge_time),
    but the LimitError names the timeout the caller gave, not what was left."""
    src = "x = 0\n" * 40000 + "while True:\n    pass\n"
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError) as info:
        pyexpr.exec(src, timeout=0.5, max_memory=None)
    assert str(info.value) == "time limit exceeded (timeout=0.5s)"
    assert time.monotonic() - t0 < 2.5
