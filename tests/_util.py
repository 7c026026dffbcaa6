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

The CPython oracle (``CPYTHON``) is the newest CPython 3.11 interpreter that
can be found (see :func:`find_oracle`): pyexpr's reference is the behaviour
of CPython 3.11's latest patch release, so the differential tests must not
depend on which Python runs pytest (3.9 ... 3.13).  ``sys.executable`` is used
when it is itself the newest 3.11 found.  Without any 3.11 interpreter the
tests that need the oracle are skipped with that reason (``PYEXPR_ORACLE``
names one explicitly; ``PYEXPR_REQUIRE_ORACLE=1``, set by CI, makes a missing
oracle a failure instead).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
CORPUS_DIR = TESTS_DIR / "corpus"
CORE_CORPUS_DIR = CORPUS_DIR / "core"

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
# The CPython oracle
# --------------------------------------------------------------------------

ORACLE_SERIES = (3, 11)


def python_version(exe: str) -> Optional[tuple]:
    """(major, minor, micro) of the CPython at *exe*, or None if it does not
    run or is not CPython."""
    if exe == sys.executable:
        return tuple(sys.version_info[:3]) if sys.implementation.name == "cpython" else None
    try:
        proc = subprocess.run(
            [exe, "-I", "-c",
             "import sys; print(sys.implementation.name, *sys.version_info[:3])"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            timeout=DEFAULT_TIMEOUT, env=child_env(),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    words = proc.stdout.decode("ascii", "replace").split()
    if proc.returncode != 0 or len(words) != 4 or words[0] != "cpython":
        return None
    try:
        return tuple(int(w) for w in words[1:])
    except ValueError:
        return None


def _pyenv_roots() -> list:
    roots = [os.environ.get("PYENV_ROOT"), str(Path.home() / ".pyenv")]
    if shutil.which("pyenv"):
        try:
            out = subprocess.run(["pyenv", "root"], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 timeout=DEFAULT_TIMEOUT, env=child_env())
            roots.append(out.stdout.decode("utf-8", "replace").strip())
        except (OSError, subprocess.SubprocessError):
            pass
    return [r for r in roots if r]


def oracle_candidates() -> list:
    """Paths that may be a CPython 3.11 interpreter, most specific first."""
    major, minor = ORACLE_SERIES
    name = f"python{major}.{minor}"
    cands = [sys.executable]
    for root in _pyenv_roots():
        cands += sorted(str(p) for p in Path(root).glob(f"versions/{major}.{minor}*/bin/{name}"))
    cands += [f"/usr/local/bin/{name}", f"/usr/bin/{name}"]
    found = shutil.which(name)
    if found:
        cands.append(found)
    seen, out = set(), []
    for c in cands:
        if c not in seen and (c == sys.executable or os.access(c, os.X_OK)):
            seen.add(c)
            out.append(c)
    return out


def find_oracle() -> tuple:
    """(path, version) of the oracle, or (None, reason).

    ``$PYEXPR_ORACLE`` if set (it must be a CPython 3.11); otherwise the
    candidate with the highest 3.11 patch release (ties: the first found,
    so ``sys.executable`` wins when it is the newest)."""
    explicit = os.environ.get("PYEXPR_ORACLE")
    if explicit:
        ver = python_version(explicit)
        if ver is None or ver[:2] != ORACLE_SERIES:
            return None, f"PYEXPR_ORACLE={explicit!r} is not a CPython 3.11 interpreter (version {ver})"
        return explicit, ver
    best = None
    for exe in oracle_candidates():
        ver = python_version(exe)
        if ver is not None and ver[:2] == ORACLE_SERIES and (best is None or ver > best[1]):
            best = (exe, ver)
    if best is None:
        return None, (
            "no CPython 3.11 interpreter found to serve as the oracle (looked at "
            "sys.executable, pyenv's versions/3.11*, /usr/bin/python3.11, python3.11 on "
            "PATH); install one or set PYEXPR_ORACLE"
        )
    return best


def _version_str(ver: Optional[tuple]) -> str:
    return ".".join(map(str, ver)) if ver else "?"


CPYTHON, _ORACLE_INFO = find_oracle()
ORACLE_VERSION: Optional[tuple] = _ORACLE_INFO if CPYTHON else None
ORACLE_MISSING: str = "" if CPYTHON else _ORACLE_INFO
# Tests that compare pyexpr with eval()/exec() in *this* process can only do
# so when pytest itself runs on CPython 3.11 (patch-level differences inside
# the series do not matter to them).
IN_PROCESS_ORACLE = sys.version_info[:2] == ORACLE_SERIES and sys.implementation.name == "cpython"
IN_PROCESS_SKIP_REASON = (
    f"compares with eval() in this process, which is Python "
    f"{_version_str(tuple(sys.version_info[:3]))}; the oracle is CPython 3.11"
)


def oracle_description() -> str:
    if CPYTHON is None:
        return f"CPython oracle: NONE - {ORACLE_MISSING}"
    return f"CPython oracle: {CPYTHON} ({_version_str(ORACLE_VERSION)})"


def require_oracle() -> str:
    """The oracle's path; skips the calling test when there is none (fails
    instead when ``PYEXPR_REQUIRE_ORACLE=1``)."""
    if CPYTHON is None:
        if os.environ.get("PYEXPR_REQUIRE_ORACLE") == "1":
            pytest.fail(ORACLE_MISSING, pytrace=False)
        pytest.skip(ORACLE_MISSING)
    return CPYTHON


def require_oracle_at_least(micro: int, why: str) -> str:
    """Like :func:`require_oracle`, but the oracle must be 3.11.<micro> or
    later: for behaviour that changed within the 3.11 series (*why*)."""
    exe = require_oracle()
    if ORACLE_VERSION < ORACLE_SERIES + (micro,):
        msg = (f"the newest CPython 3.11 found is {_version_str(ORACLE_VERSION)}; "
               f"3.11.{micro}+ is needed: {why}")
        if os.environ.get("PYEXPR_REQUIRE_ORACLE") == "1":
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    return exe


# In-process comparisons against the oracle. Tests that compare the extension
# (pyexpr.eval/exec in this process) with CPython's own eval/exec cannot use
# this process's eval() unless pytest runs on 3.11; they send their programs
# to the oracle instead, all at once, through this driver. It reads a JSON list
# of jobs {"mode": "eval"|"exec", "src": str, "filename": str, "main": bool}
# and writes a JSON list of {"stdout": str, "exc": [type name, str(e), e.msg
# for SyntaxError else None] or None, "repr": repr(value) or None}. The jobs
# run one after the other, each in a fresh thread (so the recursion depth starts
# near zero and thread-local state such as decimal's context is fresh),
# stdout captured, compile-time warnings silenced.
ORACLE_BATCH_DRIVER = r"""
import contextlib, gc, io, json, sys, threading, warnings
jobs = json.loads(sys.stdin.buffer.read().decode("utf-8"))
results = []

def describe(e):
    if e is None:
        return None
    return [type(e).__name__, str(e), e.msg if isinstance(e, SyntaxError) else None]

def run_one(job):
    out, exc, value = io.StringIO(), None, None
    with contextlib.redirect_stdout(out):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                code = compile(job["src"], job.get("filename", "<string>"), job["mode"], dont_inherit=True)
            ns = {"__name__": "__main__", "__builtins__": __builtins__} if job.get("main") else {}
            value = eval(code, ns)
        except BaseException as e:
            exc = e
        if job.get("main"):
            # the program's end, as at interpreter exit: its suspended
            # generators are closed now (their finally blocks print here),
            # not during the next job
            ns = code = None
            e = exc
            while e is not None:  # tracebacks keep the frames' globals alive
                e.__traceback__ = None
                e = e.__context__
            gc.collect()
    try:
        text = None if exc is not None else repr(value)
    except BaseException as e:
        text = "<repr failed: %s>" % type(e).__name__
    return {"stdout": out.getvalue(), "exc": describe(exc), "repr": text}

# one thread per job: thread-local module state (decimal's current context)
# starts afresh for every program, as it does in a pyexpr run
for job in jobs:
    t = threading.Thread(target=lambda: results.append(run_one(job)))
    t.start()
    t.join()
sys.stdout.write(json.dumps(results))
"""


def oracle_batch(jobs: Sequence[dict], timeout: float = 600.0) -> list:
    """Run *jobs* (see ORACLE_BATCH_DRIVER) in the oracle; one result per job.
    Skips the calling test when there is no 3.11 oracle."""
    exe = require_oracle()
    res = run([exe, "-c", ORACLE_BATCH_DRIVER], input=json.dumps(list(jobs)), timeout=timeout)
    if res.returncode != 0:
        pytest.fail(f"the oracle driver failed ({exe}):\n" + res.describe(), pytrace=False)
    results = json.loads(res.stdout.decode("utf-8"))
    assert len(results) == len(jobs)
    return results


def oracle_exec_stdout(program: str, filename: str = "<batch>") -> str:
    """stdout of ``exec(compile(program, filename, "exec"), {})`` by the 3.11
    oracle; a program that raises there fails the test with that exception."""
    r = oracle_batch([{"mode": "exec", "src": program, "filename": filename}])[0]
    if r["exc"] is not None:
        pytest.fail(f"the oracle raised {r['exc'][0]}: {r['exc'][1]} on:\n{program}", pytrace=False)
    return r["stdout"]


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
    """Run the CPython oracle (:data:`CPYTHON`, see :func:`find_oracle`) with
    *args*; skips the test when there is no 3.11 oracle."""
    return run([require_oracle(), *args], input=input, timeout=timeout, cwd=cwd)


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


# --------------------------------------------------------------------------
# Differential batches (the hypothesis tests): one program, CPython's stdout
# against pyexpr's, the first differing line reported
# --------------------------------------------------------------------------

def cpython_exec_stdout(program: str, namespace: Optional[dict] = None) -> str:
    """stdout of ``exec(program)`` under CPython 3.11: in this process when
    pytest runs on 3.11 (globals: a copy of *namespace*, default empty), else
    by the oracle (:func:`oracle_exec_stdout`, empty globals)."""
    if not IN_PROCESS_ORACLE:
        return oracle_exec_stdout(program)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(program, "<batch>", "exec"), dict(namespace or {}))
    return buf.getvalue()


def _run_script(runner, program: str, errors: str, timeout: float) -> Result:
    """runner([path]) on *program* written to a temporary script file
    (*errors*: how to encode it, e.g. "surrogatepass" for lone surrogates)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8",
                                     errors=errors) as f:
        f.write(program)
        path = f.name
    try:
        return runner([path], timeout=timeout)
    finally:
        os.unlink(path)


def first_difference(expected: str, got: str, labels: Optional[Sequence[str]] = None) -> str:
    """Where *got* first differs from *expected*, line by line ("<end>" past
    either end): named by labels[i] (what printed output line i) when given,
    else by its line number."""
    exp_lines, got_lines = expected.splitlines(), got.splitlines()
    n = next((i for i, (a, b) in enumerate(zip(exp_lines, got_lines)) if a != b),
             min(len(exp_lines), len(got_lines)))
    where = labels[n] if labels is not None and n < len(labels) else f"line {n + 1}"

    def at(lines: list) -> str:
        return lines[n] if n < len(lines) else "<end>"

    return f"output differs at {where}:\n  CPython: {at(exp_lines)}\n  pyexpr:  {at(got_lines)}"


def assert_batch_matches(program: str, *, labels: Optional[Sequence[str]] = None,
                         namespace: Optional[dict] = None, oracle_process: bool = False,
                         errors: str = "replace", timeout: float = DEFAULT_TIMEOUT,
                         what: str = "") -> Result:
    """Run *program* as a script in pyexpr and compare its stdout with
    CPython 3.11's (:func:`cpython_exec_stdout`, or with *oracle_process* the
    oracle running the same script, which must succeed); on any difference,
    or a failing pyexpr run, fail with :func:`first_difference` (*labels*),
    the program and pyexpr's output. *errors* encodes the script and decodes
    pyexpr's stdout. Returns pyexpr's Result."""
    if oracle_process:
        exp = _run_script(run_cpython, program, errors, timeout)
        assert exp.returncode == 0, f"CPython failed on its own program:\n{exp.describe()}\n{program}"
        expected = exp.stdout.decode("utf-8", errors)
    else:
        expected = cpython_exec_stdout(program, namespace)
    res = _run_script(run_pyexpr, program, errors, timeout)
    assert_no_crash(res, what)
    got = res.stdout.decode("utf-8", errors)
    if got != expected or res.returncode != 0:
        raise AssertionError(f"{first_difference(expected, got, labels)}\n"
                             f"--- program ---\n{program}\n{res.describe()}")
    return res


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

