"""Runs that pause at external calls: ``Code.start(externals=[...])`` returns a
``pyexpr.Snapshot`` at each call of an external function and a
``pyexpr.Complete`` at the end (docs/host.md "External calls and snapshots").

The expected output of every program is CPython's, computed at test time by
running the same source with the external functions as plain Python
functions (the host's answers) - never hand-copied.
"""

from __future__ import annotations

import contextlib
import io
import time

import pytest

from _extension_build import load_pyexpr

pyexpr = load_pyexpr()


def answer(name, args, kwargs):
    """What the host answers for an external call (deterministic)."""
    if name == "fail":
        raise ValueError(f"fail{args}")
    if name == "double":
        return 2 * args[0] + kwargs.get("add", 0)
    return [name, list(args), sorted(kwargs.items())]


def cpython_output(src, externals):
    """CPython's output of src with each external a plain function."""
    ns = {}
    for name in externals:
        ns[name] = (lambda n: lambda *a, **k: answer(n, a, k))(name)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(src, "<string>", "exec"), ns)
        except Exception as e:  # noqa: BLE001 - the error is part of the output
            print("ERROR", type(e).__name__, e)
    return buf.getvalue()


def drive(snap, on_snapshot=None, reload=None):
    """Answers every pause (after reload(snap) when given); returns
    (output, number of pauses)."""
    out = []
    n = 0
    while isinstance(snap, pyexpr.Snapshot):
        out.append(snap.output)
        n += 1
        if on_snapshot:
            on_snapshot(snap)
        if reload:
            snap = reload(snap)
        try:
            value = answer(snap.function, snap.args, snap.kwargs)
        except Exception as e:  # noqa: BLE001
            snap = snap.resume_error(e)
        else:
            snap = snap.resume(value)
    assert isinstance(snap, pyexpr.Complete)
    out.append(snap.output)
    return "".join(out), n


def pyexpr_output(src, externals, **kw):
    code = pyexpr.compile(src, mode="exec")
    try:
        out, _ = drive(code.start(externals=externals, **kw))
    except Exception as e:  # noqa: BLE001
        # what was printed before the error is lost with the run: compare
        # only programs that print before failing through snapshots
        return f"ERROR {type(e).__name__} {e}\n"
    return out


PROGRAMS = [
    # plain calls, keyword arguments, results used in expressions
    "print(double(2), double(3, add=1) + 1, other('x', k=1))\n",
    # inside functions, loops, comprehensions
    "def f(n):\n    return sum([double(i) for i in range(n)])\n"
    "print(f(5), [double(i) for i in range(3)], {k: other(k) for k in 'ab'})\n",
    # generators running inline (for, yield from)
    "def g():\n    yield double(1)\n    yield from (double(i) for i in range(2))\n"
    "for x in g():\n    print(x)\n",
    # exceptions raised by the host, caught and uncaught in functions
    "def h():\n    try:\n        fail(1)\n    except ValueError as e:\n        return str(e)\n"
    "print(h())\ntry:\n    fail(2, 3)\nexcept Exception as e:\n    print(type(e).__name__, e)\n",
    # try/finally and with around a pause
    "class M:\n    def __enter__(self):\n        print('enter')\n        return self\n"
    "    def __exit__(self, *a):\n        print('exit', a[0])\n"
    "with M():\n    try:\n        print(double(4))\n    finally:\n        print('fin')\n",
    # methods, __init__, operators implemented in Python
    "class A:\n    def __init__(self, v):\n        self.v = double(v)\n"
    "    def __add__(self, o):\n        return A(other(self.v, o.v)[1][0])\n"
    "    def get(self):\n        return double(self.v)\n"
    "a = A(1) + A(2)\nprint(a.v, a.get())\n",
    # closures, recursion
    "def mk(k):\n    def inner(x):\n        return double(x, add=k)\n    return inner\n"
    "def rec(n):\n    return 0 if n == 0 else double(n) + rec(n - 1)\n"
    "print(mk(3)(4), rec(4))\n",
    # f(*args, **kwargs)
    "args = (5,)\nkw = {'add': 2}\nprint(double(*args, **kw))\n",
    # an exception in flight (except block) while paused
    "try:\n    1 / 0\nexcept ZeroDivisionError:\n    print(double(1))\n    try:\n        raise\n"
    "    except ZeroDivisionError as e:\n        print('again', e)\n",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_same_output_as_plain_calls(src):
    externals = ["double", "other", "fail"]
    assert pyexpr_output(src, externals) == cpython_output(src, externals)


def test_snapshot_fields():
    code = pyexpr.compile("print('a')\nr = fetch(1, 'x', key=[1, 2])\nprint(r)\n", mode="exec")
    s = code.start(externals=["fetch"])
    assert isinstance(s, pyexpr.Snapshot)
    assert (s.function, s.args, s.kwargs, s.kind) == ("fetch", (1, "x"), {"key": [1, 2]}, "call")
    assert s.output == "a\n"
    assert not s.resumed
    done = s.resume({"ok": True})
    assert s.resumed
    assert isinstance(done, pyexpr.Complete)
    assert done.output == "{'ok': True}\n"
    with pytest.raises(RuntimeError, match="already resumed"):
        s.resume(1)
    with pytest.raises(RuntimeError, match="already resumed"):
        s.resume_error(ValueError())


def test_eval_value_and_inputs():
    code = pyexpr.compile("fetch(x) + y", mode="eval")
    s = code.start({"x": 3, "y": 4}, externals=["fetch"])
    assert s.args == (3,)
    done = s.resume(10)
    assert done.value == 14
    # no external called: Complete at once
    with pytest.raises(NameError, match="name 'fetch' is not defined"):
        code.start({"x": 1, "y": 2}, externals=["nothing"])
    assert pyexpr.compile("1 + 1", mode="eval").start().value == 2


def test_uncaught_host_exception_keeps_identity():
    code = pyexpr.compile("fetch()\n", mode="exec")
    s = code.start(externals=["fetch"])
    err = KeyError("mine")
    with pytest.raises(KeyError) as ei:
        s.resume_error(err)
    assert ei.value is err


def test_script_error_after_resume():
    code = pyexpr.compile("x = fetch()\nprint(1 / x)\n", mode="exec")
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        code.start(externals=["fetch"]).resume(0)


@pytest.mark.parametrize(
    "src",
    [
        "sorted([2, 1], key=fetch)\n",
        "list(map(fetch, [1]))\n",
        "sum(fetch(i) for i in range(2))\n",
        "def g():\n    yield fetch(1)\nlist(g())\n",
        "class R:\n    def __repr__(self):\n        return fetch()\nrepr(R())\n",
    ],
)
def test_nested_runs_cannot_suspend(src):
    code = pyexpr.compile(src, mode="exec")
    with pytest.raises(RuntimeError, match="external function 'fetch' cannot be called here"):
        code.start(externals=["fetch"])


def test_resolve_names():
    code = pyexpr.compile("print(a + b, a)\n", mode="exec")
    s = code.start({"b": 1}, resolve_names=True)
    seen = []
    while isinstance(s, pyexpr.Snapshot):
        assert s.kind == "name"
        seen.append(s.function)
        s = s.resume(100)
    assert seen == ["a"]  # resolved names are bound: asked once
    assert s.output == "101 100\n"
    # without the option: CPython's NameError
    with pytest.raises(NameError, match="name 'a' is not defined"):
        code.start({"b": 1})


def test_max_external_calls():
    code = pyexpr.compile("for i in range(5):\n    fetch(i)\n", mode="exec")
    s = code.start(externals=["fetch"], max_external_calls=3)
    with pytest.raises(pyexpr.LimitError, match=r"external call limit exceeded \(max_external_calls=3\)"):
        for _ in range(5):
            s = s.resume(None)


def test_steps_count_across_pauses():
    code = pyexpr.compile("for i in range(1000):\n    fetch(i)\n", mode="exec")
    s = code.start(externals=["fetch"], max_steps=200)
    with pytest.raises(pyexpr.LimitError, match="step limit"):
        for _ in range(1000):
            s = s.resume(None)


@pytest.mark.parametrize("reload", [False, True])
def test_memory_counts_across_pauses(reload):
    """What the run holds before a pause still counts after it (and after a
    dump/load, which makes the same objects again)."""
    src = "a = [0] * 300000\nfetch()\nb = [1] * 300000\nprint('both')\n"
    lim = {"max_memory": 8_000_000}
    pyexpr.exec("a = [0] * 300000\nfetch = print\ndel a\nb = [1] * 300000\n", **lim)  # one fits
    code = pyexpr.compile(src, mode="exec")
    s = code.start(externals=["fetch"], **lim)
    if reload:
        s = pyexpr.Snapshot.load(s.dump())
    with pytest.raises((pyexpr.LimitError, MemoryError), match="memory"):
        s.resume(None)


def test_time_waiting_on_the_host_is_not_counted():
    code = pyexpr.compile("for i in range(3):\n    fetch(i)\nprint('done')\n", mode="exec")
    s = code.start(externals=["fetch"], timeout=0.2)
    while isinstance(s, pyexpr.Snapshot):
        time.sleep(0.1)  # 0.3 s in all: more than the timeout
        s = s.resume(None)
    assert s.output == "done\n"


def test_timeout_still_applies_to_the_script():
    code = pyexpr.compile("fetch()\nwhile True:\n    pass\n", mode="exec")
    s = code.start(externals=["fetch"], timeout=0.2)
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match="time limit"):
        s.resume(None)
    assert time.monotonic() - t0 < 2


def test_abandoned_snapshots():
    code = pyexpr.compile(
        "def g():\n    try:\n        yield fetch(1)\n    finally:\n        print('fin')\n"
        "for x in g():\n    pass\n",
        mode="exec",
    )
    for _ in range(50):
        s = code.start(externals=["fetch"])
        del s  # frees the paused run (its finally block does not run)


def test_externals_argument_checks():
    code = pyexpr.compile("fetch()\n", mode="exec")
    with pytest.raises(TypeError):
        code.start(externals="fetch")
    with pytest.raises(TypeError):
        code.start(externals=[1])
    with pytest.raises(TypeError):
        code.start(bogus=1)
    s = code.start(externals=["fetch"])
    with pytest.raises(TypeError):
        s.resume(object())  # not convertible: the snapshot stays usable
    assert isinstance(s.resume(None), pyexpr.Complete)
    with pytest.raises(TypeError):
        pyexpr.Snapshot()
    with pytest.raises(TypeError):
        pyexpr.compile("fetch()\n").start(externals=["fetch"]).resume_error(42)


def test_external_repr_and_identity():
    code = pyexpr.compile("print(repr(fetch), fetch == fetch, callable(fetch))\n", mode="exec")
    out, n = drive(code.start(externals=["fetch"]))
    assert n == 0
    assert out == "<function fetch> True True\n"
