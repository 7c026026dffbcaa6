"""The extension on the public API alone (issue 12 "One door").

csrc/ext/ includes nothing of the engine but pyexpr.h, and the behaviours
the port had to rebuild from public functions keep working: OSError's
filenames, engine classes as Python classes, builtins left out of exec()
results, big ints both ways, host exception identity, the PE_CODE_BOUNDED
GIL decision (a bounded program keeps the GIL, an unbounded one lets other
threads run). Expected values come from CPython at test time.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from pathlib import Path

import pytest

from _extension_build import load_pyexpr

pyexpr = load_pyexpr()

EXT_DIR = Path(__file__).resolve().parent.parent / "csrc" / "ext"
ALLOWED_QUOTED = {"pyexpr.h", "ext_internal.h"}


def test_ext_sources_include_only_the_public_header():
    files = sorted(EXT_DIR.glob("*.c")) + sorted(EXT_DIR.glob("*.h"))
    assert len(files) > 2, "csrc/ext is split into several files"
    for f in files:
        text = f.read_text()
        for m in re.finditer(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', text, re.M):
            kind, name = m.groups()
            if kind == '"':
                assert name in ALLOWED_QUOTED, f"{f.name} includes {name!r}"
            else:
                assert not name.startswith(("pe_", "../")), f"{f.name} includes <{name}>"
        # no engine internals by name either
        for ident in ("pe_val ", "pe_obj", "S->", "PE_K_", "pe_str *", "pe_decref("):
            assert ident not in text, f"{f.name} uses the internal {ident!r}"


def _cpython(src):
    try:
        exec(src, {})
    except BaseException as e:  # noqa: BLE001
        return e
    raise AssertionError("expected an exception")


@pytest.mark.parametrize(
    "src",
    [
        "raise OSError(2, 'No such file', 'f.txt')",
        "raise OSError(2, 'x', 'a', None, 'b')",
        "raise FileNotFoundError(2, 'x', 'a')",
        "raise PermissionError(13, 'denied')",
        "raise OSError('disk full')",
    ],
)
def test_oserror_filenames(src):
    want = _cpython(src)
    with pytest.raises(OSError) as info:
        pyexpr.exec(src)
    got = info.value
    assert type(got) is type(want)
    assert got.args == want.args
    assert (got.errno, got.strerror, got.filename, got.filename2) == (
        want.errno,
        want.strerror,
        want.filename,
        want.filename2,
    )
    assert str(got) == str(want)


def test_classes_come_back_as_python_classes():
    src = "(int, float, bool, str, list, tuple, dict, set, frozenset, type, type(None), ZeroDivisionError, KeyError)"
    assert pyexpr.eval(src) == eval(src)
    with pytest.raises(TypeError, match=r"cannot convert the result \(type 'type'\)"):
        pyexpr.eval("range")


def test_exec_leaves_untouched_builtins_out():
    assert pyexpr.exec("x = len('ab')") == {"x": 2}
    assert pyexpr.exec("len = 3\ny = abs(-1)") == {"len": 3, "y": 1}
    assert pyexpr.exec("x = print", {"print": 5}) == {"print": 5, "x": 5}
    c = pyexpr.compile("z = max(a, 1)")
    assert c.names == ("z", "a")
    assert c.exec({"a": 7}) == {"a": 7, "z": 7}


@pytest.mark.parametrize("n", [2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, -(2**64), 10**400, -(10**400) + 7, 255, -256, -128])
def test_ints_both_ways(n):
    assert pyexpr.eval("x", {"x": n}) == n
    assert pyexpr.eval("x + 1 - 1", {"x": n}) == n
    assert pyexpr.eval(repr(n)) == n
    assert pyexpr.eval("x * x", {"x": n}) == n * n


def test_host_exception_identity_and_chain():
    err = ValueError("mine")

    def f():
        raise err

    with pytest.raises(ValueError) as info:
        pyexpr.eval("f()", {"f": f})
    assert info.value is err
    src = "try:\n    f()\nexcept ValueError as e:\n    raise KeyError('k') from e"
    with pytest.raises(KeyError) as info:
        pyexpr.exec(src, {"f": f})
    assert info.value.__cause__ is err


def test_host_repr_and_equality():
    def f():
        return 1

    assert pyexpr.eval("repr(f)", {"f": f}) == repr(f)
    assert pyexpr.eval("f == g", {"f": f, "g": f}) is True
    assert pyexpr.eval("f == g", {"f": f, "g": len}) is False
    assert pyexpr.eval("len({f, g})", {"f": f, "g": f}) == 1
    assert pyexpr.eval("f", {"f": f}) is f


def test_bounded_code_keeps_the_gil_unbounded_releases_it():
    """A bounded program (PE_CODE_BOUNDED) runs holding the GIL; a loop
    releases it, so a Python thread makes progress meanwhile."""
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    t = threading.Thread(target=ticker)
    t.start()
    try:
        time.sleep(0.01)
        ticks.clear()
        pyexpr.exec("n = 0\nwhile n < 3000000:\n    n += 1", limits=None)
        during_loop = len(ticks)
    finally:
        stop.set()
        t.join()
        sys.setswitchinterval(old)
    assert during_loop > 0
