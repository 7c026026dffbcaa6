"""Scripts on the host's asyncio event loop (issue 15, docs/host.md "async"):
``await pyexpr.eval_async(source, names)`` / ``exec_async``.

The program is compiled with top-level await allowed (mode ``eval_async`` /
``exec_async``): its body is a coroutine that the script's own ``asyncio``
loop (csrc/lib/asyncio.py) runs. Coroutine functions in ``names`` become
host functions returning an opaque pending call; when the script awaits one
(directly, through ``gather``, ``create_task``, ``wait_for``...) its loop
registers it. When no script task can run, the loop calls the external
function ``__pyexpr_host_wait__(new, timeout, cancelled)``: the run
suspends (Code.start's pause machinery, so the engine keeps no C stack and
the wait does not count against ``timeout``), this driver starts the new
host coroutines as tasks of the running loop, waits for the first to finish
(or for ``timeout``: the script's next timer, so ``asyncio.sleep`` sleeps on
the host loop in real time), and resumes the script with the results
``[(index, ok, value)]``. A failed call is raised into the script by a second
pause (``__pyexpr_host_wait__(None, index, None)`` resumed with the
exception itself, which keeps its identity if the script lets it escape).
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from typing import Any, Dict, Mapping, Optional

from . import _pyexpr
from ._host import expose

__all__ = ["eval_async", "exec_async"]

_WAIT = "__pyexpr_host_wait__"


class _Pending:
    """A host coroutine function called by the script, not started yet."""

    __slots__ = ("fn", "args", "kwargs")

    def __init__(self, fn, args, kwargs):
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def start(self):
        return self.fn(*self.args, **self.kwargs)


def _host_coroutine_function(fn):
    def call(*args, **kwargs):
        return expose(_Pending(fn, args, kwargs), attrs=(), methods=())
    call.__name__ = getattr(fn, "__name__", "call")
    call.__qualname__ = getattr(fn, "__qualname__", call.__name__)
    return call


def _wrap_names(names: Optional[Mapping[str, Any]]):
    if names is None:
        return None
    if not isinstance(names, Mapping):
        return names  # start() raises the usual TypeError
    out = dict(names)
    for k, v in out.items():
        if inspect.iscoroutinefunction(v) or (callable(v) and inspect.iscoroutinefunction(
                getattr(v, "__call__", None))):
            out[k] = _host_coroutine_function(v)
    return out


def _code(source, mode: str):
    if isinstance(source, _pyexpr.Code):
        if source.mode == mode:
            return source
        return _pyexpr.compile(source.source, mode, source.filename)
    return _pyexpr.compile(source, mode)


def _awaitable(obj):
    if isinstance(obj, _Pending):
        return obj.start()
    if inspect.isawaitable(obj):
        return obj
    raise TypeError(f"object {type(obj).__name__} can't be used in 'await' expression")


async def _drive(code, names, limits: Dict[str, Any]):
    loop = asyncio.get_running_loop()
    tasks: Dict[int, asyncio.Future] = {}
    failed: Dict[int, BaseException] = {}
    seq = 0
    r = code.start(_wrap_names(names), externals=[_WAIT], **limits)
    try:
        while isinstance(r, _pyexpr.Snapshot):
            if r.output:
                sys.stdout.write(r.output)
            if r.function != _WAIT:  # pragma: no cover - only the hidden external is declared
                raise RuntimeError(f"unexpected external call {r.function!r}")
            new, timeout, gone = r.args
            if new is None:  # raise the failure of host call `timeout` into the script
                r = r.resume_error(failed.pop(timeout))
                continue
            for obj in new:
                try:
                    tasks[seq] = asyncio.ensure_future(_awaitable(obj))
                except BaseException as exc:  # not awaitable: fails in the script
                    fut = loop.create_future()
                    fut.set_exception(exc)
                    tasks[seq] = fut
                seq += 1
            for idx in gone or ():
                t = tasks.pop(idx, None)
                if t is not None:
                    t.cancel()
            pending = [t for t in tasks.values() if not t.done()]
            if timeout != 0 and len(pending) == len(tasks):
                if pending:
                    await asyncio.wait(pending, timeout=timeout,
                                       return_when=asyncio.FIRST_COMPLETED)
                elif timeout is not None:
                    await asyncio.sleep(timeout)
            results = []
            for idx in [i for i, t in tasks.items() if t.done()]:
                t = tasks.pop(idx)
                if t.cancelled():
                    failed[idx] = asyncio.CancelledError()
                    results.append((idx, False, None))
                elif t.exception() is not None:
                    failed[idx] = t.exception()
                    results.append((idx, False, None))
                else:
                    results.append((idx, True, t.result()))
            r = r.resume(results)
        if r.output:
            sys.stdout.write(r.output)
        return r.value
    finally:
        for t in tasks.values():
            t.cancel()


async def eval_async(source, names: Optional[Mapping[str, Any]] = None, /, **limits) -> Any:
    """Evaluates an expression that may ``await`` (top-level await), on the
    running event loop: host coroutine functions in ``names`` are awaitable
    from the script and run concurrently under ``asyncio.gather``. The
    limit keywords are eval()'s; time spent waiting on the host does not
    count against ``timeout``."""
    return await _drive(_code(source, "eval_async"), names, limits)


async def exec_async(source, names: Optional[Mapping[str, Any]] = None, /,
                     **limits) -> Dict[str, Any]:
    """Runs statements that may ``await`` at top level on the running event
    loop; returns a copy of ``names`` updated with the program's top-level
    variables that have a Python equivalent (as exec())."""
    ns = await _drive(_code(source, "exec_async"), names, limits)
    out = dict(names) if isinstance(names, Mapping) else {}
    out.update(ns)
    return out
