"""pyexpr.Pool: eval/exec in worker processes (crash isolation for hosts
that run untrusted code; the extension-side counterpart of `pyexpr --mcp`'s
workers, docs/mcp.md)."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pyexpr = pytest.importorskip("pyexpr")


@pytest.fixture(scope="module")
def pool():
    with pyexpr.Pool(workers=2, recycle=0) as p:
        yield p


def test_eval_exec_like_in_process(pool):
    assert pool.eval("x * 2", {"x": 21}) == 42 == pyexpr.eval("x * 2", {"x": 21})
    assert pool.exec("y = [i * i for i in range(4)]")["y"] == [0, 1, 4, 9]
    assert pool.eval("{'a': (1, 2.5, None, b'x')}") == {"a": (1, 2.5, None, b"x")}


def test_exceptions_cross_over(pool):
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        pool.eval("1 / 0")
    with pytest.raises(SyntaxError):
        pool.eval("while True: pass")
    with pytest.raises(pyexpr.LimitError):
        pool.exec("while True: pass", timeout=0.2)
    # a script-defined class: the same class name, built-in bases and args as in-process
    code = "class CodeError(ValueError): pass\nraise CodeError('boom')"
    with pytest.raises(BaseException) as local:
        pyexpr.exec(code)
    with pytest.raises(BaseException) as remote:
        pool.exec(code)
    builtin_bases = [c.__name__ for c in type(local.value).__mro__ if c.__module__ == "builtins"]
    assert type(remote.value).__name__ == type(local.value).__name__ == "CodeError"
    assert [c.__name__ for c in type(remote.value).__mro__ if c.__module__ == "builtins"] == builtin_bases
    assert remote.value.args == local.value.args == ("boom",)


def test_threads_share_the_workers(pool):
    with ThreadPoolExecutor(6) as ex:
        assert list(ex.map(lambda i: pool.eval("i + 1", {"i": i}), range(40))) == list(range(1, 41))


def test_a_worker_crash_costs_one_call():
    with pyexpr.Pool(workers=1) as p:
        victim = p.pids()[0]
        threading.Timer(0.5, os.kill, (victim, signal.SIGKILL)).start()
        t0 = time.monotonic()
        with pytest.raises(pyexpr.WorkerCrashed, match="signal 9"):
            p.exec("while True: pass", timeout=30)
        assert time.monotonic() - t0 < 20
        assert p.eval("'alive'") == "alive"
        assert p.pids() != [victim]


def test_recycle_and_close():
    p = pyexpr.Pool(workers=1, recycle=2)
    first = p.pids()
    for _ in range(3):
        p.eval("1")
    assert p.pids() != first
    p.close()
    with pytest.raises(ValueError, match="closed"):
        p.eval("1")
