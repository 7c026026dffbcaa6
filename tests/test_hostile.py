"""Hostile inputs: every one must end in a bounded, clean result.

"Clean" means CPython's result (stdout, last stderr line, exit status, with
CPython run at test time) or, where the input is about resources, a clean
MemoryError / RecursionError / SyntaxError / LimitError; never a crash, a
sanitizer report, a hang or a dead daemon. Each input goes through the three
front ends:

* the CLI binary (``pyexpr FILE``),
* the extension (``import pyexpr``; run in a child process so a crash is a
  test failure instead of the end of the test session),
* a private daemon (``pyexpr --daemon``, through ``pyexpr.client.Client``),
  which must still answer a ping and a small program afterwards.

Where CPython itself has no usable answer (it crashes, or would try to
allocate a terabyte) the expectation is written next to the case and the
CPython run is skipped; everything else is compared with CPython.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pytest

from _util import (
    CPYTHON,
    REPO_ROOT,
    assert_no_crash,
    child_env,
    exception_type,
    last_stderr_line,
    run,
    run_pyexpr,
)

sys.path.insert(0, str(REPO_ROOT))
from pyexpr.client import Client, DaemonError, ProtocolError  # noqa: E402

RESOURCE_ERRORS = {"MemoryError", "RecursionError", "SyntaxError", "LimitError", "OverflowError"}
N = 100_000


@dataclass
class Case:
    name: str
    make: Callable[[], str]
    # "cpython": compare with CPython (SyntaxError: type only); a clean
    #   resource error is accepted instead when alt_ok.
    # "clean": CPython is not run; pyexpr's last line must be in `allowed`
    #   (exception type names) or equal `expect_last`.
    mode: str = "cpython"
    alt_ok: bool = True
    allowed: set = field(default_factory=set)
    expect_stdout_prefix: Optional[bytes] = None
    limits: dict = field(default_factory=dict)   # extension / daemon limits
    cli: bool = True                             # the CLI has no limits: False for endless inputs
    max_seconds: float = 60.0                    # wall-clock bound per front end


def _fstring_parens():
    return "print(f'{" + "(" * N + "1" + ")" * N + "}')\n"


def _fstring_quotes():
    q3, d3 = "'" * 3, '"' * 3
    return 'print(f"{f' + "'{f" + d3 + "{f" + q3 + "{1}" + q3 + "}" + d3 + "}'" + '}")\n'


CHAIN = """prev = None
for i in range(75000):
    try:
        raise ValueError(i) from prev
    except ValueError as e:
        prev = e
print('built')
raise prev
"""

CASES = [
    Case("nested_parens_100k", lambda: "print(1)\nx = " + "(" * N + "1" + ")" * N + "\nprint(x)\n"),
    Case("nested_brackets_100k", lambda: "print(1)\nx = " + "[" * N + "1" + "]" * N + "\nprint(x)\n"),
    Case("nested_braces_100k", lambda: "print(1)\nx = " + "{" * N + "1" + "}" * N + "\nprint(x)\n"),
    Case("int_literal_1e6_digits", lambda: "print(1)\nx = " + "7" * 10**6 + "\nprint(x % 10)\n"),
    Case("one_million_statements_one_line", lambda: ";".join(["x = 1"] * 10**6) + "\nprint(x)\n"),
    Case("fstring_nested_format_specs", lambda: "print(f'{1:{2:{3:{4:{5:{6}}}}}}')\n"),
    Case("fstring_100k_parens", _fstring_parens),
    Case("fstring_nested_quotes", _fstring_quotes),
    Case("fstring_deep_nesting_in_expression",
         lambda: "x = 5\nprint(" + "f'{" * 1 + "str(" * 2000 + "x" + ")" * 2000 + "}'" + ")\n"),
    Case("recursive_containers", lambda: (
        "a = []\na.append(a)\nprint(a)\nd = {}\nd['k'] = d\nprint(d)\n"
        "b = [1]\nc = [b]\nb.append(c)\nprint(b, c)\nt = ([],)\nt[0].append(t)\nprint(t)\n"
        "print(a == a, len(str(a)))\n"), alt_ok=False),
    Case("deep_nonrecursive_repr", lambda: "x = []\nfor i in range(100000):\n    x = [x]\nprint(len(x))\nprint(x)\n"),
    Case("str_repeat_1e12", lambda: "print(1)\nx = 'a' * 10**12\nprint(len(x))\n", mode="clean",
         allowed={"MemoryError", "LimitError", "OverflowError"}, expect_stdout_prefix=b"1\n"),
    Case("list_repeat_1e10", lambda: "print(1)\nx = [0] * 10**10\nprint(len(x))\n", mode="clean",
         allowed={"MemoryError", "LimitError", "OverflowError"}, expect_stdout_prefix=b"1\n"),
    Case("long_sum_131k", lambda: "print(1)\nx = " + "+".join(["1"] * 131_000) + "\nprint(x)\n"),
    Case("elif_100k", lambda: "x = 5\nif x == 0:\n    print(0)\n"
         + "".join(f"elif x == {i}:\n    print({i})\n" for i in range(1, 100_000)) + "print('end')\n"),
    # CPython 3.11 itself segfaults printing (or freeing) this chain, so
    # there is no oracle: the run must end cleanly with the last exception.
    Case("raise_from_chain_75k", lambda: CHAIN, mode="clean",
         allowed={"MemoryError", "RecursionError", "LimitError"}, expect_stdout_prefix=b"built\n"),
    Case("pow_3_10e7_timeout_1s", lambda: "x = 3 ** 10**7\nprint(x % 1000)\n",
         limits={"timeout": 1.0}, max_seconds=60.0),
    # endless loops must be stopped by the limits (extension and daemon; the
    # CLI has no limits), whatever jump closes the loop
    Case("endless_continue_loop", lambda: "print(1)\nn = 0\nwhile True:\n    n += 2\n    if n % 2 == 0:\n        continue\n",
         mode="clean", allowed={"LimitError"}, expect_stdout_prefix=b"1\n", limits={"timeout": 1.0},
         max_seconds=10.0, cli=False),
    Case("endless_loop_steps", lambda: "print(1)\nfor i in range(10**12):\n    if i >= 0:\n        continue\n    print(i)\n",
         mode="clean", allowed={"LimitError"}, expect_stdout_prefix=b"1\n", limits={"max_steps": 10**6},
         max_seconds=10.0, cli=False),
]
CHAIN_LAST = "ValueError: 74999"


@pytest.fixture(scope="module")
def workdir():
    d = Path(tempfile.mkdtemp(prefix="pyexpr-hostile-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


_sources: dict = {}
_cpython: dict = {}


def source_file(case: Case, workdir: Path) -> Path:
    if case.name not in _sources:
        p = workdir / f"{case.name}.py"
        p.write_text(case.make(), encoding="utf-8")
        _sources[case.name] = p
    return _sources[case.name]


def cpython_result(case: Case, path: Path):
    if case.name not in _cpython:
        if case.name == "pow_3_10e7_timeout_1s":
            # the same value, without CPython's ~10 s of multiplication
            res = run([CPYTHON, "-c", "print(pow(3, 10**7, 1000))"])
        else:
            res = run([CPYTHON, str(path)], timeout=120)
        _cpython[case.name] = (res.stdout, last_stderr_line(res.stderr), res.returncode)
    return _cpython[case.name]


def check(case: Case, workdir: Path, stdout: bytes, last: str, status: int, where: str):
    """The common verdict for every front end."""
    typ = exception_type(last) if last else ""
    if case.mode == "clean":
        if case.expect_stdout_prefix is not None:
            assert stdout.startswith(case.expect_stdout_prefix), (where, stdout[:200])
        if case.name == "raise_from_chain_75k":
            assert last == CHAIN_LAST or typ in case.allowed, (where, last)
        else:
            assert typ in case.allowed, (where, last, stdout[:200])
        assert status == 1, (where, status, last)
        return
    c_out, c_last, c_status = cpython_result(case, source_file(case, workdir))
    if exception_type(c_last) == "SyntaxError" or exception_type(c_last) == "IndentationError":
        assert exception_type(last) == exception_type(c_last) and status == c_status, (where, last, c_last)
        assert stdout == c_out, where
        return
    if (stdout, last, status) == (c_out, c_last, c_status):
        return
    if case.alt_ok and typ in RESOURCE_ERRORS and status == 1 and c_out.startswith(stdout):
        return  # a clean resource error where CPython got further
    pytest.fail(f"{where}: {case.name}\n CPython: status {c_status}, last {c_last!r}, stdout {c_out[-300:]!r}\n"
                f" pyexpr : status {status}, last {last!r}, stdout {stdout[-300:]!r}", pytrace=False)


IDS = [c.name for c in CASES]


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cli(case, workdir):
    if not case.cli:
        pytest.skip("endless by design: the CLI has no limits")
    path = source_file(case, workdir)
    t = time.monotonic()
    res = run_pyexpr([str(path)], timeout=case.max_seconds + 30)
    el = time.monotonic() - t
    assert_no_crash(res, case.name)
    assert el < case.max_seconds, f"{case.name}: {el:.1f}s"
    check(case, workdir, res.stdout, res.last_line, res.returncode, "CLI")


# --------------------------------------------------------------------------
# Extension, in a child process
# --------------------------------------------------------------------------

EXT_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from _extension_build import load_pyexpr
pyexpr = load_pyexpr()
src = open(sys.argv[2], encoding='utf-8').read()
limits = eval(sys.argv[3])
t = time.monotonic()
status = 0
try:
    pyexpr.exec(src, **limits)
except BaseException as e:
    status = 1
    sys.stdout.flush()
    msg = str(e) if not isinstance(e, SyntaxError) else (e.msg or '')
    name = type(e).__name__
    sys.stderr.write(f"{name}: {msg}\n" if msg else f"{name}\n")
sys.stdout.flush()
sys.stderr.write(f"elapsed {time.monotonic() - t:.3f}\n")
# the interpreter is still usable
assert pyexpr.eval('6 * 7') == 42
sys.exit(status)
"""


@pytest.fixture(scope="module")
def extension_built():
    """Build (if stale) the extension once here, so the children only load it."""
    from _extension_build import load_pyexpr

    load_pyexpr()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_extension(case, workdir, extension_built):
    path = source_file(case, workdir)
    res = run([sys.executable, "-c", EXT_CHILD, str(REPO_ROOT / "tests"), str(path), repr(case.limits)],
              timeout=case.max_seconds + 20)
    assert_no_crash(res, case.name)
    lines = [l for l in res.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    assert lines and lines[-1].startswith("elapsed "), res.describe()
    el = float(lines[-1].split()[1])
    last = lines[-2] if len(lines) > 1 else ""
    assert el < case.max_seconds, f"{case.name}: {el:.1f}s"
    if case.limits.get("timeout"):
        # a timeout must hold (with slack for a loaded machine)
        assert el < case.limits["timeout"] + 1.5, f"{case.name}: {el:.2f}s with timeout {case.limits['timeout']}"
        if exception_type(last) == "LimitError":
            return
    check(case, workdir, res.stdout, last, res.returncode, "extension")


# --------------------------------------------------------------------------
# Daemon
# --------------------------------------------------------------------------

class PrivateDaemon:
    """A foreground daemon on a private socket, with the daemon's default
    limits (256M memory, 16M frames: what a deployment runs). A case that
    kills it fails; the next case gets a fresh one, so one crash does not
    hide the results of the others."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="pxh-", dir="/tmp"))
        os.chmod(self.dir, 0o700)
        self.sock = self.dir / "d.sock"
        self.proc = None

    def ensure(self):
        from _util import get_pyexpr_bin

        if self.proc is not None and self.proc.poll() is None:
            return self
        self.stop()
        env = child_env()
        for k in ("PYEXPR_SOCKET", "XDG_RUNTIME_DIR", "TMPDIR", "PYEXPR_DAEMON"):
            env.pop(k, None)
        env["PYEXPR_SOCKET"] = str(self.sock)
        self.proc = subprocess.Popen([get_pyexpr_bin(), "--daemon", "--foreground"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=env, cwd=str(REPO_ROOT))
        end = time.monotonic() + 15
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                pytest.fail(f"daemon exited with {self.proc.returncode} at start", pytrace=False)
            try:
                with Client(str(self.sock), timeout=2) as c:
                    c.ping()
                return self
            except Exception:
                time.sleep(0.05)
        pytest.fail("daemon did not answer within 15 s", pytrace=False)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None


@pytest.fixture(scope="module")
def private_daemon():
    d = PrivateDaemon()
    yield d
    d.stop()
    shutil.rmtree(d.dir, ignore_errors=True)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_daemon(case, workdir, private_daemon):
    sock = private_daemon.ensure().sock
    src = source_file(case, workdir).read_text(encoding="utf-8")
    t = time.monotonic()
    refused = None
    try:
        with Client(str(sock), timeout=case.max_seconds + 10) as c:
            r = c.run(src, mode="exec", filename=str(source_file(case, workdir)), **case.limits)
    except ProtocolError as e:  # e.g. a frame over --max-frame: a clean refusal
        refused = str(e)
    except (DaemonError, TimeoutError) as e:
        time.sleep(0.2)
        alive = private_daemon.alive()
        private_daemon.stop()  # a stuck worker would burn a core for the rest of the module
        pytest.fail(f"{case.name}: no answer ({e!r}); daemon alive: {alive}", pytrace=False)
    el = time.monotonic() - t
    # whatever happened, the daemon still answers
    assert private_daemon.alive(), f"daemon died on {case.name}"
    with Client(str(sock), timeout=30) as c:
        c.ping()
        assert c.eval("6 * 7") == 42
    if refused is not None:
        return
    assert el < case.max_seconds + 5, f"{case.name}: {el:.1f}s"
    last = last_stderr_line(r.stderr)
    if case.limits.get("timeout"):
        assert el < case.limits["timeout"] + 1.5, f"{case.name}: {el:.2f}s with timeout {case.limits['timeout']}"
        if exception_type(last) == "LimitError" or r.exc_type == "LimitError":
            return
    for m in (b"Sanitizer", b"Segmentation"):
        assert m not in r.stderr
    check(case, workdir, r.stdout, last, r.exit_code, "daemon")


def test_hundred_megabyte_source(workdir, private_daemon, extension_built):
    """A 100 MB program (one long string literal) through the CLI, the
    extension and the daemon, compared with CPython (or a clean MemoryError
    / LimitError / refusal); bounded in time."""
    path = workdir / "big.py"
    with open(path, "w", encoding="ascii") as f:
        f.write("print('start')\ns = '")
        chunk = "abcdefghij" * 100_000
        for _ in range(100):
            f.write(chunk)
        f.write("'\nprint(len(s), s[-3:])\n")
    case = Case("hundred_megabyte_source", lambda: "", max_seconds=30)
    _sources[case.name] = path
    res = run_pyexpr([str(path)], timeout=60)
    assert_no_crash(res)
    check(case, workdir, res.stdout, res.last_line, res.returncode, "CLI")
    res = run([sys.executable, "-c", EXT_CHILD, str(REPO_ROOT / "tests"), str(path), "{}"], timeout=120)
    assert_no_crash(res)
    lines = [l for l in res.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    assert lines and lines[-1].startswith("elapsed "), res.describe()
    check(case, workdir, res.stdout, lines[-2] if len(lines) > 1 else "", res.returncode, "extension")
    sock = private_daemon.ensure().sock
    src = path.read_text(encoding="ascii")
    try:
        with Client(str(sock), timeout=120) as c:
            r = c.run(src, mode="exec", filename=str(path))
        check(case, workdir, r.stdout, last_stderr_line(r.stderr), r.exit_code, "daemon")
    except DaemonError:
        # refused: larger than the daemon's --max-frame (16M by default). The
        # daemon closes the connection while the client still writes, so the
        # client sees a broken pipe; what matters is that the daemon lives.
        pass
    assert private_daemon.alive(), "daemon died on the 100 MB source"
    with Client(str(sock), timeout=30) as c:
        assert c.eval("6 * 7") == 42
