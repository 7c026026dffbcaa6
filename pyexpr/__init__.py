"""pyexpr: a fast, exact, sandboxed interpreter for a practical subset of Python.

The interpreter is the native ``pyexpr`` executable (written in C, built and
installed by ``pip install .``). This package currently only locates it; the
in-process extension ``pyexpr._pyexpr`` is planned.
"""

import os
import shutil
import sysconfig
from pathlib import Path

from ._version import __version__

__all__ = ["__version__", "binary_path"]

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
