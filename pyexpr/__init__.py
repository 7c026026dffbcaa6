"""pyexpr: a fast, exact, sandboxed interpreter for a practical subset of Python.

In-process use (the C engine as the extension module ``pyexpr._pyexpr``)::

    >>> import pyexpr
    >>> pyexpr.eval("x * 2 + y", {"x": 3, "y": 4})
    10
    >>> pyexpr.exec("a = 1\\nb = a + 1")
    {'a': 1, 'b': 2}
    >>> code = pyexpr.compile("x ** 2", mode="eval")   # compile once ...
    >>> [code.eval({"x": i}) for i in range(4)]       # ... run many times
    [0, 1, 4, 9]

API
---
``eval(source, names=None, /, *, limits=..., allow_callable_results=False, **limits)``
    Evaluates one expression (``source``: str, bytes or a ``Code``) and returns
    its value converted to Python.
``exec(source, names=None, /, *, limits=..., allow_callable_results=False, **limits)``
    Runs statements and returns a new dict: a copy of ``names`` updated with
    the program's top-level variables (values without a Python equivalent,
    i.e. functions, modules and builtins, are left out; a variable the program
    deletes is removed). ``names`` itself is never modified.
``compile(source, mode="exec", filename="<string>")``
    Returns a ``Code`` whose ``.eval(names=None, **limits)`` /
    ``.exec(names=None, **limits)`` run without recompiling. ``Code`` objects
    are immutable, may be shared between threads, and pickle as their source
    (they are recompiled when unpickled).

Values are converted by copy both ways: int (any size), float, bool, None,
str, list, tuple, dict, set and frozenset, nested. In ``names`` a Python
callable becomes a function the program can call (positional and keyword
arguments are converted to Python, the result back); an exception it raises
propagates out of ``eval``/``exec`` as the very same exception object (inside
the program it can be caught as its nearest builtin exception class). Any
other value raises ``TypeError`` naming the variable. Names the program does
not use are ignored.

Capability rule (docs/security.md): a value a host function returns must not
be or contain a callable (function, method, class, callable object): that is
a ``TypeError`` inside the program, unless the call passes
``allow_callable_results=True``. Without the rule, passing e.g. ``getattr``
would give the program the whole Python process.

Errors raised by the program are the builtin exception classes with CPython's
messages (``ZeroDivisionError('division by zero')``, ``KeyError(key)``, ...);
syntax errors, including unsupported features, are ``SyntaxError`` with
``filename``/``lineno``/``offset``/``text``.

Limits
------
Keyword arguments of every run, with module-wide defaults changed by
``set_default_limits(**limits)`` and read by ``get_default_limits()``
(``None`` means "no limit"). Untrusted programs are bounded by default:

* ``max_memory``: bytes the engine may allocate for this run, inputs and
  the compile of an uncached source included (default 256 MiB)
* ``timeout``: wall-clock seconds from the start of the compile (default 5)
* ``max_steps``: bytecode instructions (counted at loop back-edges and
  calls; default none)
* ``max_depth``: call depth; exceeding it raises ``RecursionError`` like
  CPython's recursion limit (default 1000, also under ``limits=None``)

``clock=`` (every run): the wall clock the program reads (``time.time()``,
``datetime``'s ``now()``/``today()``/``utcnow()``): ``None`` the real clock
(default), a number of seconds since the epoch (a fixed clock), or a callable
returning seconds, called at each read (a virtual clock; its exception, if
it raises, is raised by the call after the run). With a clock set, unseeded
``random`` is seeded from it instead of the host's entropy: a fixed clock
makes the run reproducible. ``monotonic()``/``perf_counter()`` and the
limits keep real time.

``limits=None`` lifts memory, time and steps for one call, ``limits={...}``
overrides the limits it names; both apply before the single keywords.
``max_steps``, ``max_memory`` and ``timeout`` raise ``pyexpr.LimitError`` (a
``RuntimeError``; ``pyexpr.client.LimitError`` is the same class) naming the
limit. The interpreter stays usable afterwards.

Ctrl-C
------
SIGINT interrupts a program running in the main thread as it interrupts
Python code: Python's signal handler runs between two of its bytecodes, so
``KeyboardInterrupt`` is raised inside the program (which may catch it) and
propagates out of ``eval``/``exec``.

Threads
-------
Each call runs on its own interpreter state taken from a small pool, so any
number of threads may call into pyexpr at once. The GIL is released while a
program runs, except for short straight-line programs (no loops, no function
definitions, no ``**``/``<<``, only non-iterating builtins) where releasing it
would cost more than the run. Host functions re-acquire the GIL.
``print()`` output is buffered and written to ``sys.stdout`` when the run
returns, before each host-function call and every 64 KiB.

The native command-line interpreter is installed as the ``pyexpr``
executable; :func:`binary_path` locates it.
"""

import collections
import os
import shutil
import sysconfig
from pathlib import Path

from ._version import __version__
from .client import Client  # the daemon client (pure Python)
from ._limit_error import LimitError  # one class: the extension's and the client's
from .pool import Pool, WorkerCrashed  # eval/exec in worker processes (pure Python)

__all__ = [
    "__version__",
    "Client",
    "Code",
    "Complete",
    "Snapshot",
    "LimitError",
    "Pool",
    "WorkerCrashed",
    "CacheInfo",
    "binary_path",
    "cache_clear",
    "cache_info",
    "cache_resize",
    "compile",
    "eval",
    "exec",
    "get_default_limits",
    "profile",
    "register_module",
    "set_default_limits",
    "unregister_module",
    # host objects (docs/host.md)
    "CodeNames",
    "expose",
    "register_type",
    "shared",
    "unregister_type",
    # async (docs/host.md "async")
    "eval_async",
    "exec_async",
]

_EXT_NAMES = ("Code", "Snapshot", "Complete", "compile", "eval", "exec", "get_default_limits",
              "set_default_limits", "cache_info", "cache_clear", "cache_resize", "profile",
              "register_module", "unregister_module", "expose", "register_type",
              "unregister_type", "shared", "CodeNames", "eval_async", "exec_async")

#: The compile cache's statistics, like functools' ``CacheInfo`` plus the
#: byte size of the cached code and the byte bound.
CacheInfo = collections.namedtuple("CacheInfo", "hits misses maxsize currsize bytes maxbytes")

try:
    from ._pyexpr import (  # noqa: F401  (re-exported)
        Code,
        Snapshot,
        Complete,
        compile,
        eval,
        exec,
        get_default_limits,
        set_default_limits,
        cache_clear,
        profile,
        register_module,
        unregister_module,
    )
    from ._pyexpr import _cache_info, _cache_resize
    from ._host import CodeNames, expose, register_type, shared, unregister_type  # noqa: F401
    from ._async import eval_async, exec_async  # noqa: F401

    def cache_info() -> CacheInfo:
        """Statistics of the compile cache used by ``eval``/``exec`` on source
        strings: ``CacheInfo(hits, misses, maxsize, currsize, bytes, maxbytes)``."""
        return CacheInfo(*_cache_info())

    def cache_resize(maxsize, maxbytes=None) -> None:
        """Bound the compile cache to ``maxsize`` entries (None: unbounded) and
        ``maxbytes`` bytes (None: keep the current byte bound); evicts
        least-recently-used entries at once. Hit/miss counters are kept."""
        if maxsize is None:
            maxsize = 2 ** 64 - 1
        if maxbytes is None:
            maxbytes = _cache_info()[5]
        _cache_resize(maxsize, maxbytes)
except ImportError as _exc:  # pragma: no cover - only without a compiled extension
    _IMPORT_ERROR = _exc

    def __getattr__(name):
        if name in _EXT_NAMES:
            raise ImportError(
                f"pyexpr.{name} needs the compiled extension pyexpr._pyexpr, which could not "
                f"be imported ({_IMPORT_ERROR}); build it with `pip install .` or "
                "`python setup.py build_ext --inplace`"
            ) from _IMPORT_ERROR
        raise AttributeError(f"module 'pyexpr' has no attribute {name!r}")

_EXE = "pyexpr.exe" if os.name == "nt" else "pyexpr"


def binary_path() -> str:
    """Return the path of the native ``pyexpr`` executable.

    Looked up in order: ``$PYEXPR_BIN`` (e.g. to test ``build/pyexpr-asan``),
    this environment's scripts directory (where ``pip install`` puts it),
    ``pyexpr`` on ``PATH``, then ``build/pyexpr`` in a source checkout (``make``).
    Raises FileNotFoundError if none exists (or $PYEXPR_BIN is not one).
    """
    override = os.environ.get("PYEXPR_BIN")
    if override:
        if os.path.isfile(override) and os.access(override, os.X_OK):
            return os.path.abspath(override)
        raise FileNotFoundError(f"PYEXPR_BIN={override!r} is not an executable file")
    candidates = [
        os.path.join(sysconfig.get_path("scripts"), _EXE),
        shutil.which("pyexpr"),
        str(Path(__file__).resolve().parent.parent / "build" / _EXE),
    ]
    for cand in candidates:
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    raise FileNotFoundError(
        "native pyexpr binary not found: run `pip install .` or `make`, "
        "or set PYEXPR_BIN"
    )
