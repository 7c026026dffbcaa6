"""Shared helpers for the pyexpr test-suite.

Everything that starts a subprocess goes through :func:`run`, which always
uses a timeout and never lets the child inherit the terminal's stdin.

Locating the binary (see also ``conftest.pyexpr_bin``):

1. ``$PYEXPR_BIN`` if set;
2. otherwise, if the repository has a ``Makefile`` and ``make`` exists,
   ``make -s`` is run once in the repository root (so the tests always
   exercise the current sources) and ``build/pyexpr`` is used; a failing
   build fails the tests loudly with make's output;
3. otherwise ``pyexpr`` on ``$PATH``.

CPython is always ``sys.executable`` (never a ``python3`` shim).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
CORPUS_DIR = TESTS_DIR / "corpus"
CORE_CORPUS_DIR = CORPUS_DIR / "core"

CPYTHON = sys.executable
DEFAULT_TIMEOUT = 30.0
MAKE_TIMEOUT = 900.0

# Exit statuses a well-behaved pyexpr process may have.  Anything else
# (in particular a negative status = killed by a signal) is a crash.
CLEAN_EXIT_CODES = (0, 1, 2)
CRASH_MARKERS = (b"Sanitizer", b"Segmentation", b"core dumped", b"Aborted")


class Result(NamedTuple):
    """(stdout bytes, stderr bytes, returncode) -- unpacks like a tuple."""

    stdout: bytes
    stderr: bytes
    returncode: int

    @property
    def last_line(self) -> str:
        return last_stderr_line(self.stderr)

    def describe(self) -> str:
        def clip(b: bytes, n: int = 2000) -> str:
            s = b.decode("utf-8", "replace")
            return s if len(s) <= n else s[: n // 2] + "\n...[clipped]...\n" + s[-n // 2 :]

        return (
            f"returncode={self.returncode}\n"
            f"--- stdout ---\n{clip(self.stdout)}\n"
            f"--- stderr ---\n{clip(self.stderr)}"
        )


def child_env() -> dict:
    """Environment for child processes: ours minus PYTHON* knobs that could
    change CPython's behaviour (PYTHONINSPECT, PYTHONSTARTUP, ...)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def run(
    cmd: Sequence[str],
    input: Optional[bytes | str] = None,
    timeout: float = DEFAULT_TIMEOUT,
    cwd: Optional[os.PathLike | str] = None,
) -> Result:
    """Run *cmd* with a timeout; stdin is /dev/null unless *input* is given."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    try:
        proc = subprocess.run(
            [str(c) for c in cmd],
            input=input,
            stdin=subprocess.DEVNULL if input is None else None,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=timeout,
            cwd=str(cwd) if cwd is not None else str(REPO_ROOT),
            env=child_env(),
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"timed out after {timeout}s: {_show_cmd(cmd)}", pytrace=False)
    return Result(proc.stdout, proc.stderr, proc.returncode)


def _show_cmd(cmd: Sequence[str], limit: int = 300) -> str:
    s = " ".join(repr(str(c)) if " " in str(c) else str(c) for c in cmd)
    return s if len(s) <= limit else s[:limit] + "...[clipped]"


# --------------------------------------------------------------------------
# Binary discovery
# --------------------------------------------------------------------------

class PyexprUnavailable(Exception):
    pass


_bin_lock = threading.Lock()
_bin_cache: Optional[tuple] = None  # ("ok", path) or ("err", message)


def _discover_pyexpr_bin() -> str:
    env_bin = os.environ.get("PYEXPR_BIN")
    if env_bin:
        p = Path(env_bin)
        if not p.is_file() or not os.access(p, os.X_OK):
            raise PyexprUnavailable(f"PYEXPR_BIN={env_bin!r} is not an executable file")
        return str(p.resolve())

    if (REPO_ROOT / "Makefile").is_file() and shutil.which("make"):
        try:
            proc = subprocess.run(
                ["make", "-s"],
                cwd=str(REPO_ROOT),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=MAKE_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise PyexprUnavailable(f"`make -s` timed out after {MAKE_TIMEOUT}s")
        if proc.returncode != 0:
            lines = proc.stdout.decode("utf-8", "replace").splitlines()
            if len(lines) > 150:  # this message is repeated for every test
                lines = [f"... ({len(lines) - 150} earlier lines omitted)"] + lines[-150:]
            raise PyexprUnavailable(
                f"`make -s` failed with status {proc.returncode}:\n" + "\n".join(lines)
            )
        p = REPO_ROOT / "build" / "pyexpr"
        if not p.is_file():
            raise PyexprUnavailable(f"`make -s` succeeded but {p} does not exist")
        return str(p)

    found = shutil.which("pyexpr")
    if found:
        return found
    raise PyexprUnavailable(
        "pyexpr binary not found: set PYEXPR_BIN, add a Makefile building "
        "build/pyexpr, or put pyexpr on PATH"
    )


def pyexpr_bin_or_error() -> tuple:
    """("ok", path) or ("err", message); computed once per process."""
    global _bin_cache
    with _bin_lock:
        if _bin_cache is None:
            try:
                _bin_cache = ("ok", _discover_pyexpr_bin())
            except PyexprUnavailable as e:
                _bin_cache = ("err", str(e))
        return _bin_cache


def get_pyexpr_bin() -> str:
    status, value = pyexpr_bin_or_error()
    if status != "ok":
        pytest.fail(value, pytrace=False)
    return value


def run_pyexpr(
    args: Sequence[str],
    input: Optional[bytes | str] = None,
    timeout: float = DEFAULT_TIMEOUT,
    cwd: Optional[os.PathLike | str] = None,
) -> Result:
    """Run the pyexpr binary with *args*."""
    return run([get_pyexpr_bin(), *args], input=input, timeout=timeout, cwd=cwd)


def run_cpython(
    args: Sequence[str],
    input: Optional[bytes | str] = None,
    timeout: float = DEFAULT_TIMEOUT,
    cwd: Optional[os.PathLike | str] = None,
) -> Result:
    """Run the CPython oracle (sys.executable) with *args*."""
    return run([CPYTHON, *args], input=input, timeout=timeout, cwd=cwd)


# --------------------------------------------------------------------------
# Output helpers
# --------------------------------------------------------------------------

def last_stderr_line(stderr: bytes) -> str:
    """Last non-empty line of stderr, decoded ('' when stderr is empty)."""
    lines = [l for l in stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    return lines[-1] if lines else ""


def exception_type(line: str) -> str:
    """'ZeroDivisionError: division by zero' -> 'ZeroDivisionError'."""
    return line.split(":", 1)[0].strip()


def assert_no_crash(res: Result, what: str = "") -> None:
    """pyexpr must never die from a signal or print sanitizer/segfault noise."""
    assert res.returncode in CLEAN_EXIT_CODES, (
        f"pyexpr crashed or used an unexpected exit status {res.returncode} {what}\n"
        + res.describe()
    )
    for marker in CRASH_MARKERS:
        assert marker not in res.stderr, f"crash marker {marker!r} in stderr {what}\n" + res.describe()


# A small CPython driver emulating pyexpr's calculator mode: run the program,
# and if its last top-level statement is an expression whose value is not
# None, print repr(value).  Program text is read from stdin.
CALC_MODE_DRIVER = r"""
import ast, sys
src = sys.stdin.buffer.read().decode('utf-8')
tree = ast.parse(src, '<string>')
last = None
if tree.body and isinstance(tree.body[-1], ast.Expr):
    last = ast.Expression(tree.body.pop().value)
ns = {'__name__': '__main__', '__builtins__': __builtins__}
exec(compile(tree, '<string>', 'exec'), ns)
if last is not None:
    value = eval(compile(last, '<string>', 'eval'), ns)
    if value is not None:
        print(repr(value))
"""


def cpython_calculator(src: str, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """What pyexpr should do for *src*, computed by CPython (calculator mode)."""
    return run_cpython(["-c", CALC_MODE_DRIVER], input=src, timeout=timeout)


def read_version() -> str:
    """The version string from pyexpr/_version.py, read as text (not imported)."""
    path = REPO_ROOT / "pyexpr" / "_version.py"
    if not path.is_file():
        pytest.fail(f"{path} does not exist", pytrace=False)
    m = re.search(r"""^__version__\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]""", path.read_text(), re.M)
    if not m:
        pytest.fail(f"no __version__ = '...' assignment in {path}", pytrace=False)
    return m.group(1)
