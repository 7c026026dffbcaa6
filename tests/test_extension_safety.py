"""Safety of the ``import pyexpr`` API (docs/security.md; issues 10 and 11).

* Ctrl-C: SIGINT interrupts a running program like Python code (subprocess
  tests with a wall-clock bound), and Python's signal handlers keep their
  meaning (a handler that returns lets the program go on, SIG_IGN ignores).
* Capabilities: a value a host function returns may not be (or contain) a
  callable unless the host passes ``allow_callable_results=True``; the
  ``getattr`` escape to ``os.system`` is closed.
* Default limits: memory and time are limited unless the host lifts them
  (``limits=None`` or a single limit ``=None``); compiling counts.
* One ``LimitError`` class; ``Client.exec`` has ``pyexpr.exec``'s shape.
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

import pytest

from _extension_build import REPO_ROOT, load_pyexpr

pyexpr = load_pyexpr()

POSIX = hasattr(signal, "SIGINT") and os.name == "posix"


@pytest.fixture(autouse=True)
def _restore_default_limits():
    saved = pyexpr.get_default_limits()
    yield
    pyexpr.set_default_limits(**saved)


# ---------------------------------------------------------------------------
# Ctrl-C
# ---------------------------------------------------------------------------

_CHILD_PRELUDE = f"""
import os, signal, sys, time
sys.path.insert(0, {str(REPO_ROOT)!r})
import pyexpr
def ready():
    sys.stdout.write("ready\\n"); sys.stdout.flush()
"""


def _run_child(body: str, *, delay: float = 0.4, timeout: float = 30.0):
    """Runs a child Python; once it prints "ready", waits `delay` s and sends
    SIGINT. Returns (stdout lines after "ready", seconds from the signal to
    the child's exit, returncode)."""
    src = _CHILD_PRELUDE + textwrap.dedent(body)
    p = subprocess.Popen([sys.executable, "-c", src], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        assert line == "ready\n", (line, p.stderr.read())
        time.sleep(delay)
        t0 = time.monotonic()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=timeout)
        elapsed = time.monotonic() - t0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return out.splitlines(), elapsed, p.returncode, err


pytestmark_sig = pytest.mark.skipif(not POSIX, reason="POSIX signals")


@pytestmark_sig
def test_ctrl_c_interrupts_a_loop_promptly():
    lines, elapsed, rc, err = _run_child("""
        ready()
        try:
            pyexpr.exec("while True:\\n    pass\\n", timeout=None)
            print("finished")
        except KeyboardInterrupt as e:
            print("KeyboardInterrupt", type(e) is KeyboardInterrupt)
        # the previous handler is back, and the next run is not affected
        print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
        print(pyexpr.exec("s = 0\\nfor i in range(1000): s += i")["s"])
    """)
    assert rc == 0, err
    assert lines == ["KeyboardInterrupt True", "True", "499500"], err
    # CPython reacts within milliseconds; the bound leaves room for a loaded machine
    assert elapsed < 2.0, elapsed


@pytestmark_sig
def test_ctrl_c_in_function_calls_and_uncaught():
    lines, elapsed, rc, err = _run_child("""
        ready()
        pyexpr.exec("def f(n):\\n    return n + 1\\nx = 0\\nwhile True:\\n    x = f(x)\\n",
                    timeout=None)
    """)
    assert rc != 0 and "KeyboardInterrupt" in err, (rc, err)
    assert elapsed < 2.0, elapsed


@pytestmark_sig
def test_ctrl_c_can_be_caught_by_the_program():
    lines, elapsed, rc, err = _run_child("""
        ready()
        r = pyexpr.exec(
            "n = 0\\ntry:\\n    while True:\\n        n += 1\\n"
            "except KeyboardInterrupt as e:\\n    caught = repr(e)\\n", timeout=None)
        print(r["caught"], r["n"] > 0)
    """)
    assert rc == 0, err
    assert lines == ["KeyboardInterrupt() True"], err
    assert elapsed < 2.0, elapsed


@pytestmark_sig
def test_python_handler_that_returns_lets_the_program_go_on():
    lines, elapsed, rc, err = _run_child("""
        hits = []
        signal.signal(signal.SIGINT, lambda s, f: hits.append(s))
        ready()
        r = pyexpr.exec("n = 0\\nwhile n < 60_000_000:\\n    n += 1\\n", timeout=None)
        print(hits == [signal.SIGINT], r["n"])
    """, delay=0.2, timeout=120)
    assert rc == 0, err
    assert lines == ["True 60000000"], err


@pytestmark_sig
def test_handler_exception_propagates_as_the_same_object():
    lines, elapsed, rc, err = _run_child("""
        class Stop(Exception):
            pass
        def handler(s, f):
            raise Stop("from the handler")
        signal.signal(signal.SIGINT, handler)
        ready()
        try:
            pyexpr.exec("while True:\\n    pass\\n", timeout=None)
        except Stop as e:
            print("Stop", e)
    """)
    assert rc == 0, err
    assert lines == ["Stop from the handler"], err
    assert elapsed < 2.0, elapsed


@pytestmark_sig
def test_ignored_sigint_is_ignored():
    lines, elapsed, rc, err = _run_child("""
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        ready()
        try:
            pyexpr.exec("while True:\\n    pass\\n", timeout=1.5)
        except pyexpr.LimitError as e:
            print("LimitError", e)
        print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)
    """, delay=0.3)
    assert rc == 0, err
    assert lines == ["LimitError time limit exceeded (timeout=1.5s)", "True"], err


@pytestmark_sig
def test_ctrl_c_reaches_a_nested_run_and_host_code():
    # a host function that itself runs pyexpr: the innermost run is interrupted
    lines, elapsed, rc, err = _run_child("""
        def inner():
            return pyexpr.exec("while True:\\n    pass\\n", timeout=None)
        ready()
        try:
            # both runs release the GIL (loops): the inner one is interrupted,
            # its KeyboardInterrupt passes through the outer program
            pyexpr.exec("for i in range(2):\\n    x = inner()\\n", {"inner": inner}, timeout=None)
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
        print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
        print(pyexpr.exec("for i in range(3):\\n    y = i\\n")["y"])
    """)
    assert rc == 0, err
    assert lines == ["KeyboardInterrupt", "True", "2"], err
    assert elapsed < 2.0, elapsed


@pytestmark_sig
def test_a_handler_installed_by_a_host_function_during_a_run_is_kept():
    body = """
        def set_ignore():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            return 1
        # the first loop lasts long enough for pyexpr's SIGINT handler to be
        # chained in; the host function then replaces it; the run must not
        # put Python's old handler back over SIG_IGN
        pyexpr.exec("n = 0\\nwhile n < 5_000_000:\\n    n += 1\\nx = f()\\n"
                    "while n < 6_000_000:\\n    n += 1\\n", {"f": set_ignore}, timeout=None)
        print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.1)
        print("alive")
    """
    p = subprocess.run([sys.executable, "-c", _CHILD_PRELUDE + textwrap.dedent(body)],
                       capture_output=True, text=True, timeout=60)
    assert p.stdout.splitlines() == ["True", "alive"], p.stderr


@pytestmark_sig
def test_ctrl_c_in_a_forked_child():
    # the watcher thread does not survive fork(): the child starts its own
    body = """
        pyexpr.exec("n = 0\\nwhile n < 100000:\\n    n += 1\\n", timeout=None)  # a watcher
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            os.write(w, b"x")
            try:
                pyexpr.exec("while True:\\n    pass\\n", timeout=10)
                os._exit(3)
            except KeyboardInterrupt:
                os._exit(0)
            os._exit(4)
        os.close(w)
        os.read(r, 1)
        time.sleep(0.3)
        t = time.monotonic()
        os.kill(pid, signal.SIGINT)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), time.monotonic() - t < 2.0)
    """
    p = subprocess.run([sys.executable, "-c", _CHILD_PRELUDE + textwrap.dedent(body)],
                       capture_output=True, text=True, timeout=60)
    assert p.stdout.splitlines() == ["0 True"], p.stderr


def test_runs_in_other_threads_are_not_interrupted_and_loops_stay_fast():
    # the SIGINT machinery only concerns the main thread: a run in another
    # thread behaves as before, and a long loop in the main thread costs the
    # same as in a thread (no per-iteration overhead)
    code = pyexpr.compile("s = 0\nfor i in range(300000):\n    s += i\n")

    def best(fn, n=5):
        ts = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t)
        return min(ts)

    main = best(code.exec)
    out = []
    t = threading.Thread(target=lambda: out.append(best(code.exec)))
    t.start()
    t.join()
    assert code.exec()["s"] == sum(range(300000))
    assert main < out[0] * 2 + 0.01, (main, out)


# ---------------------------------------------------------------------------
# Capabilities: host functions may not hand out callables
# ---------------------------------------------------------------------------

ESCAPE = """
classes = getattr(getattr(int, '__mro__')[1], '__subclasses__')()
for c in classes:
    if getattr(c, '__name__') == '_wrap_close':
        g = getattr(getattr(c, '__init__'), '__globals__')
        g['system']('echo PWNED')
"""


def test_getattr_escape_is_closed():
    with pytest.raises(TypeError, match="allow_callable_results=True") as ei:
        pyexpr.exec(ESCAPE, {"getattr": getattr})
    assert "callable" in str(ei.value)
    # each step alone
    with pytest.raises(TypeError, match="a container holding a callable"):
        pyexpr.eval("getattr(int, '__mro__')", {"getattr": getattr})
    with pytest.raises(TypeError, match=r"returned a callable \(type 'builtin_function_or_method'\)"):
        pyexpr.eval("getattr(int, '__subclasses__')", {"getattr": getattr})
    # what getattr may still return: data
    assert pyexpr.eval("getattr(int, '__name__')", {"getattr": getattr}) == "int"


def test_callable_results_refused_by_default():
    import os as os_module

    cases = {
        "function": lambda: (lambda: 1),
        "builtin": lambda: os_module.system,
        "class": lambda: dict,
        "bound method": lambda: "x".upper,
        "in a list": lambda: [1, print],
        "in a dict": lambda: {"k": (1, len)},
        "callable instance": lambda: type("C", (), {"__call__": lambda self: 1})(),
    }
    for what, f in cases.items():
        with pytest.raises(TypeError, match="allow_callable_results=True"):
            pyexpr.eval("f()", {"f": f})
        # inside the program the error is a catchable TypeError
        assert pyexpr.eval("g()", {"g": lambda: pyexpr.exec(
            "try:\n    f()\n    r = 'no'\nexcept TypeError:\n    r = 'TypeError'\n", {"f": f})["r"]}
        ) == "TypeError", what
    # a module is no value either way
    with pytest.raises(TypeError, match="type 'module'"):
        pyexpr.eval("f()", {"f": lambda: os_module})


def test_allow_callable_results_opt_in():
    def make_adder(n):
        return lambda x: x + n

    names = {"make_adder": make_adder}
    src = "make_adder(5)(10)"
    assert pyexpr.eval(src, names, allow_callable_results=True) == 15
    code = pyexpr.compile(src, mode="eval")
    assert code.eval(names, allow_callable_results=True) == 15
    assert pyexpr.exec("r = " + src, names, allow_callable_results=True)["r"] == 15
    assert pyexpr.compile("r = " + src).exec(names, allow_callable_results=True)["r"] == 15
    # per call: the next call is back to the rule
    with pytest.raises(TypeError, match="allow_callable_results"):
        pyexpr.eval(src, names)
    with pytest.raises(TypeError, match="allow_callable_results"):
        code.eval(names, allow_callable_results=False)


def test_exception_args_of_host_functions_carry_no_callables():
    import os as os_module

    def f():
        raise ValueError(os_module.system, "text")

    r = pyexpr.exec("try:\n    f()\nexcept ValueError as e:\n    a = e.args\n"
                    "    c = [callable(x) for x in a]\n", {"f": f})
    assert r["c"] == [False]  # the args became the exception's str()
    assert "built-in function system" in r["a"][0]
    # uncaught, the very same Python exception object propagates
    with pytest.raises(ValueError) as ei:
        pyexpr.eval("f()", {"f": f})
    assert ei.value.args[0] is os_module.system


def test_builtins_the_host_passes_stay_callable():
    # the host chose them: callable, but their callable results are refused
    assert pyexpr.eval("getattr(1, 'real')", {"getattr": getattr}) == 1
    assert pyexpr.eval("callable(object)", {"object": object}) is True
    with pytest.raises(TypeError, match="cannot convert the result"):
        pyexpr.eval("object()", {"object": object})  # an object is no value
    with pytest.raises(TypeError, match="allow_callable_results"):
        pyexpr.eval("type(1)", {"type": type})
    # host callables nested in the names are the host's choice too
    assert pyexpr.eval("fs[0](-3)", {"fs": [abs]}) == 3


# ---------------------------------------------------------------------------
# Default limits
# ---------------------------------------------------------------------------

def test_default_limits():
    assert pyexpr.get_default_limits() == {"max_steps": None, "max_memory": 256 << 20,
                                           "max_depth": 1000, "timeout": 5.0}


def test_amplification_is_stopped_by_default():
    for src in ("'a' * 10**9", "[0] * 10**9", "9**9**9"):
        t = time.monotonic()
        with pytest.raises(pyexpr.LimitError, match=r"max_memory=268435456 bytes"):
            pyexpr.eval(src)
        assert time.monotonic() - t < 2.0, src


def test_endless_loop_is_stopped_by_the_default_timeout():
    pyexpr.set_default_limits(timeout=0.2)  # the 5 s default, shortened
    t = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match=r"time limit exceeded \(timeout=0.2s\)"):
        pyexpr.exec("while True:\n    pass\n")
    assert time.monotonic() - t < 2.0


def test_limits_none_lifts_all_and_single_none_one():
    pyexpr.set_default_limits(max_memory=1_000_000, max_steps=1000, timeout=0.2)
    src = "s = 'a' * 2_000_000\nn = 0\nwhile n < 5000:\n    n += 1\n"
    with pytest.raises(pyexpr.LimitError, match="max_memory"):
        pyexpr.exec(src)
    r = pyexpr.exec(src, limits=None)
    assert len(r["s"]) == 2_000_000 and r["n"] == 5000
    # limits=None applies first, whatever the keyword order
    for kw in ({"limits": None, "max_steps": 100}, {"max_steps": 100, "limits": None}):
        with pytest.raises(pyexpr.LimitError, match="max_steps=100"):
            pyexpr.exec(src, **kw)
    with pytest.raises(pyexpr.LimitError, match="max_steps"):
        pyexpr.exec(src, max_memory=None)
    assert pyexpr.exec(src, max_memory=None, max_steps=None)["n"] == 5000
    # a dict overrides the limits it names
    with pytest.raises(pyexpr.LimitError, match="max_steps=10"):
        pyexpr.exec(src, limits={"max_memory": None, "max_steps": 10})
    assert pyexpr.compile(src).exec(limits=None)["n"] == 5000
    # max_depth keeps its guard under limits=None
    with pytest.raises(RecursionError):
        pyexpr.exec("def f(n):\n    return f(n + 1)\nf(0)\n", limits=None)
    with pytest.raises(TypeError, match="limits must be a dict or None"):
        pyexpr.eval("1", limits=5)
    with pytest.raises(TypeError, match="unknown limit 'bogus'"):
        pyexpr.eval("1", limits={"bogus": 1})
    with pytest.raises(ValueError, match="max_steps must be a positive int"):
        pyexpr.eval("1", limits={"max_steps": 0})


def test_compiling_counts_against_max_memory():
    big = "x = [" + ", ".join(str(i) for i in range(20000)) + "]\n"  # ~130 KB of source
    for cache in (False, True):
        with pytest.raises(pyexpr.LimitError, match=r"max_memory=100000 bytes"):
            pyexpr.exec(big, max_memory=100_000, cache=cache)
    # a LimitError is not cached: the same source compiles under a larger limit
    assert len(pyexpr.exec(big, max_memory=50_000_000)["x"]) == 20000
    # pyexpr.compile() compiles under the default limits
    pyexpr.set_default_limits(max_memory=100_000)
    with pytest.raises(pyexpr.LimitError, match="max_memory"):
        pyexpr.compile(big + "y = 1\n")
    pyexpr.set_default_limits(max_memory=None)
    assert len(pyexpr.compile(big + "y = 1\n").exec(limits=None)["x"]) == 20000


# ---------------------------------------------------------------------------
# One LimitError; Client.exec's shape
# ---------------------------------------------------------------------------

def test_one_limit_error_class():
    from pyexpr import client

    assert client.LimitError is pyexpr.LimitError
    assert pyexpr.LimitError.__module__ == "pyexpr"
    r = client.RunResult(client.ST_LIMIT, 1, b"", b"", None, "LimitError",
                         "time limit exceeded (timeout=1s)")
    exc = client._exception_for(r)
    assert type(exc) is pyexpr.LimitError
    try:
        raise exc
    except pyexpr.LimitError:
        pass


def _fake_daemon(path, globals_section):
    """A one-request daemon answering OK with the given GLOBALS section bytes
    (None: an old daemon that sends none). Returns the request flags seen."""
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    seen = {}

    def serve():
        conn, _ = srv.accept()
        with conn:
            (n,) = struct.unpack("<I", conn.recv(4, socket.MSG_WAITALL))
            body = conn.recv(n, socket.MSG_WAITALL)
            seen["flags"] = struct.unpack_from("<I", body, 4)[0]
            flags = 0 if globals_section is None else 4
            resp = bytes([0x50, 1, 0, 0]) + struct.pack("<I", flags)
            resp += struct.pack("<I", 3) + b"hi\n" + struct.pack("<IIII", 0, 0, 0, 0)
            resp += globals_section or b""
            conn.sendall(struct.pack("<I", len(resp)) + resp)
        srv.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return t, seen


def _name(n: str) -> bytes:
    b = n.encode()
    return struct.pack("<I", len(b)) + b


def test_client_exec_returns_the_variables_dict():
    import io

    section = struct.pack("<I", 3)
    section += _name("x") + b"i" + struct.pack("<q", 42)
    section += _name("s") + b"s" + struct.pack("<I", 2) + b"ok"
    section += _name("gone") + b"-"
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "fake.sock")
        t, seen = _fake_daemon(path, section)
        out = io.StringIO()
        names = {"gone": 1, "keep": [1]}
        with pyexpr.Client(path, stdout=out) as c:
            r = c.exec("x = 42\ns = 'ok'\ndel gone\nprint('hi')", names)
        t.join(5)
    assert seen["flags"] & 32  # GLOBALS asked for
    assert r == {"keep": [1], "x": 42, "s": "ok"}
    assert names == {"gone": 1, "keep": [1]}  # not modified
    assert out.getvalue() == "hi\n"
    # the same shape in-process
    assert pyexpr.exec("x = 42\ns = 'ok'\ndel gone\nprint('hi')", names) == r


def test_client_exec_with_a_daemon_without_globals_support():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "fake.sock")
        t, seen = _fake_daemon(path, None)
        with pyexpr.Client(path, stdout=open(os.devnull, "w")) as c:
            with pytest.warns(RuntimeWarning, match="GLOBALS"):
                r = c.exec("x = 1", {"a": 1})
        t.join(5)
    assert r == {"a": 1}


# ---------------------------------------------------------------------------
# No leaks on the new paths
# ---------------------------------------------------------------------------

LEAK_CHILD = r'''
import gc, json, os, sys
import pyexpr

def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)

def f_lambda():
    return lambda: 1
def f_nested():
    return [1, {"k": (2, len)}]
def f_raise():
    raise ValueError(os.system, "x" * 100)
big = "x = [" + ", ".join(str(i) for i in range(2000)) + "]\n"
loop = pyexpr.compile("s = 0\nfor i in range(20):\n    s += i\n")
cases = [
    lambda: pyexpr.eval("f()", {"f": f_lambda}),
    lambda: pyexpr.eval("f()", {"f": f_nested}),
    lambda: pyexpr.exec("try:\n    f()\nexcept TypeError as e:\n    m = str(e)\n", {"f": f_nested}),
    lambda: pyexpr.eval("f()()", {"f": f_lambda}, allow_callable_results=True),
    lambda: pyexpr.exec("try:\n    f()\nexcept ValueError as e:\n    a = e.args\n", {"f": f_raise}),
    lambda: pyexpr.eval("f()", {"f": f_raise}),
    lambda: loop.exec(limits=None),
    lambda: loop.exec(limits={"max_steps": 5}),
    lambda: pyexpr.exec(big, max_memory=20_000, cache=False),
    lambda: pyexpr.exec("y = 1", limits=None, timeout=1),
]

def run(n):
    for i in range(n):
        try:
            cases[i % len(cases)]()
        except (TypeError, ValueError, pyexpr.LimitError):
            pass

total = int(sys.argv[1])
run(total // 5)
gc.collect()
start = rss_kib()
run(total)
gc.collect()
print(json.dumps({"start": start, "end": rss_kib()}))
'''


def test_new_paths_do_not_leak(tmp_path):
    from pathlib import Path

    pkg_root = Path(pyexpr.__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(pkg_root)
    p = subprocess.run([sys.executable, "-c", LEAK_CHILD, "100000"], capture_output=True,
                       text=True, timeout=600, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-4000:]
    import json

    r = json.loads(p.stdout.strip().splitlines()[-1])
    assert r["end"] - r["start"] <= 2048, r
