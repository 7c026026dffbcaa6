"""pyexpr.Pool: the in-process API (``eval``, ``exec``) run in worker
processes, for hosts that run untrusted code and must survive even a crash
of the engine (docs/mcp.md "Crash isolation"; the MCP server does the same
in C).

    with pyexpr.Pool(workers=2) as pool:
        pool.eval("x * 2", {"x": 21})          # 42
        pool.exec("y = [i * i for i in range(4)]")["y"]

Each worker is a process started once (a fresh interpreter, ``sys.executable
-c``: no fork of a threaded host, no re-import of the host's main module)
that imports this same pyexpr package and runs the calls sent to it over
its stdin/stdout; arguments, results and exceptions travel pickled (the
worker's print() output goes to its stderr, the host's). A call
takes an idle worker (calls from several threads run in parallel, up to
``workers``). A worker that dies during a call (a crash, a kill, the
out-of-memory killer) makes that call raise :class:`WorkerCrashed`; the next
call gets a fresh worker. A call whose ``timeout`` has passed by more than
``grace`` seconds (native work that cannot see the deadline) has its worker
killed, and raises :class:`WorkerCrashed` too. Workers are replaced after
``recycle`` calls.
"""

from __future__ import annotations

import os
import sys
from typing import Any

# The rest (subprocess, multiprocessing.connection, queue, threading,
# pickle) is imported when a Pool starts: `import pyexpr` stays as cheap as
# it was.

__all__ = ["Pool", "WorkerCrashed"]


class WorkerCrashed(RuntimeError):
    """The worker process running the call died or was killed."""


def _portable_exception(e: BaseException):
    """An exception as something that unpickles in the host."""
    import pickle

    try:
        pickle.loads(pickle.dumps(e))
        return ("exc", e)
    except Exception:  # a script-defined class: rebuilt from its nearest built-in base
        base = next((c for c in type(e).__mro__
                     if c.__module__ == "builtins" or c.__name__ == "LimitError"), Exception)
        return ("script_exc", type(e).__name__, base.__name__, tuple(str(a) for a in e.args))


def _serve() -> None:  # the worker process's main (see _Proc)
    from multiprocessing.connection import Connection

    proto = os.dup(1)
    os.dup2(2, 1)  # print() of the worker goes to stderr, never into the protocol
    rd, conn = Connection(0, writable=False), Connection(proto, readable=False)
    import pyexpr

    while True:
        try:
            msg = rd.recv()
        except EOFError:
            return
        op, source, names, kwargs = msg
        try:
            fn = pyexpr.eval if op == "eval" else pyexpr.exec
            reply = ("ok", fn(source, names, **kwargs))
        except BaseException as e:  # noqa: BLE001 - every script exception goes back
            reply = _portable_exception(e)
        try:
            conn.send(reply)
        except Exception as e:  # noqa: BLE001 - e.g. an unpicklable result
            conn.send(("exc", TypeError(f"the result cannot be sent from the worker process: {e}")))


def _rebuild(reply):
    kind = reply[0]
    if kind == "exc":
        return reply[1]
    _, name, base_name, args = reply
    if base_name == "LimitError":
        from ._limit_error import LimitError as base
    else:
        import builtins

        base = getattr(builtins, base_name, Exception)
    from ._script_exc import script_exception_class
    return script_exception_class(name, base)(*args)


class _Proc:
    def __init__(self):
        import subprocess
        from multiprocessing.connection import Connection

        env = dict(os.environ)
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env["PYTHONPATH"] = here + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen([sys.executable, "-c", "import pyexpr.pool as p; p._serve()"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.tx = Connection(os.dup(self.proc.stdin.fileno()), readable=False)
        self.rx = Connection(os.dup(self.proc.stdout.fileno()), writable=False)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.calls = 0

    def kill(self) -> None:
        import subprocess

        self.tx.close()
        self.rx.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(5)


class Pool:
    """``eval`` / ``exec`` with the in-process API's arguments, run in
    ``workers`` worker processes (see the module docstring)."""

    def __init__(self, workers: int = 2, *, recycle: int = 1000, grace: float = 2.0):
        import queue
        import threading

        if workers < 1:
            raise ValueError("workers must be >= 1")
        self._recycle = recycle
        self._grace = grace
        self._idle: "queue.Queue[_Proc]" = queue.Queue()
        self._all: list = []
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            p = _Proc()
            self._all.append(p)
            self._idle.put(p)

    def eval(self, source, names=None, /, **kwargs) -> Any:
        return self._call("eval", source, names, kwargs)

    def exec(self, source, names=None, /, **kwargs) -> dict:
        return self._call("exec", source, names, kwargs)

    def _replace(self, p: _Proc) -> _Proc:
        p.kill()
        n = _Proc()
        with self._lock:
            self._all[self._all.index(p)] = n
        return n

    def _call(self, op: str, source, names, kwargs) -> Any:
        if self._closed:
            raise ValueError("the pool is closed")
        if hasattr(source, "source"):  # a Code object: its text travels
            source = source.source
        p = self._idle.get()
        try:
            if (self._recycle and p.calls >= self._recycle) or p.proc.poll() is not None:
                p = self._replace(p)  # worn out, or died while idle
            p.calls += 1
            timeout = kwargs.get("timeout")
            wait = None if not timeout else timeout + self._grace
            try:
                p.tx.send((op, source, names, kwargs))
                if not p.rx.poll(wait):
                    p = self._replace(p)
                    raise WorkerCrashed(
                        f"the worker did not answer within {timeout} s + {self._grace} s "
                        "(native work that cannot be interrupted): it was killed")
                reply = p.rx.recv()
            except (EOFError, OSError):
                try:
                    code = p.proc.wait(5)
                except Exception:  # noqa: BLE001 - subprocess.TimeoutExpired: still dying
                    code = None
                p = self._replace(p)
                how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                raise WorkerCrashed(f"the worker process running this call died ({how})") from None
        finally:
            self._idle.put(p)
        if reply[0] == "ok":
            return reply[1]
        raise _rebuild(reply)

    def close(self) -> None:
        """Stops the workers (calls in flight elsewhere finish first)."""
        if self._closed:
            return
        self._closed = True
        for _ in range(len(self._all)):
            self._idle.get().kill()

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def pids(self) -> list:
        """The worker processes' ids (for tests and monitoring)."""
        with self._lock:
            return [p.proc.pid for p in self._all]
