"""How the pyexpr binary ends, compared with CPython 3.11 run at test time:
SystemExit's exit status and message, KeyboardInterrupt (raised, or SIGINT
while a program runs: traceback, then death by SIGINT, so a shell sees
130), and the messages for program files that cannot be read.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from _util import CPYTHON, child_env, get_pyexpr_bin, run_cpython, run_pyexpr

SYSTEM_EXIT = [
    "raise SystemExit(3)",
    "raise SystemExit('msg')",
    "raise SystemExit",
    "raise SystemExit()",
    "raise SystemExit(None)",
    "raise SystemExit(0)",
    "raise SystemExit(256 + 7)",
    "raise SystemExit(-1)",
    "raise SystemExit(2 ** 32 + 5)",
    "raise SystemExit(2 ** 70)",
    "raise SystemExit(-(2 ** 70))",
    "raise SystemExit(1, 2)",
    "raise SystemExit(True)",
    "raise SystemExit(False)",
    "raise SystemExit([1, 'a'])",
    "raise SystemExit(1.5)",
    "raise SystemExit('')",
    "raise SystemExit('caf\u00e9 \u2603')",
    "print('before')\nraise SystemExit('after')",
    "print('out')\nraise SystemExit(4)",
    "def f():\n    raise SystemExit(5)\nf()",
    "try:\n    raise SystemExit(6)\nfinally:\n    print('finally')",
    "try:\n    raise SystemExit(6)\nexcept SystemExit:\n    print('caught')",
    "try:\n    raise SystemExit(6)\nexcept Exception:\n    print('not here')",
    "x = 1\nraise SystemExit(x + 1)",
]


def _same(got, exp, what):
    assert (got.stdout, got.stderr, got.returncode) == (exp.stdout, exp.stderr, exp.returncode), (
        f"{what}\n[cpython] {exp}\n[pyexpr] {got}")


@pytest.mark.parametrize("src", SYSTEM_EXIT)
def test_system_exit_c(pyexpr_bin, src):
    _same(run_pyexpr(["-c", src]), run_cpython(["-c", src]), src)


@pytest.mark.parametrize("src", SYSTEM_EXIT[:6] + SYSTEM_EXIT[18:21])
def test_system_exit_file_and_stdin(pyexpr_bin, tmp_path, src):
    f = tmp_path / "prog.py"
    f.write_text(src + "\n", encoding="utf-8")
    _same(run_pyexpr([str(f)]), run_cpython([str(f)]), src)
    _same(run_pyexpr(["-"], input=src.encode()), run_cpython(["-"], input=src.encode()), src)


@pytest.mark.parametrize("src", [
    "raise KeyboardInterrupt",
    "raise KeyboardInterrupt('why')",
    "print('out')\ndef f():\n    raise KeyboardInterrupt\nf()",
])
def test_raised_keyboard_interrupt(pyexpr_bin, src):
    """CPython prints the traceback, then kills itself with SIGINT (a
    shell sees 130; subprocess sees -2)."""
    exp = run_cpython(["-c", src])
    assert exp.returncode == -signal.SIGINT
    _same(run_pyexpr(["-c", src]), exp, src)


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _interrupt(cmd, cpu):
    """SIGINT once the process has used `cpu` seconds of CPU: past its
    start-up, inside the program's loop, however loaded the machine is."""
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=child_env())
    try:
        end = time.monotonic() + 60
        while _cpu_seconds(p.pid) < cpu and p.poll() is None and time.monotonic() < end:
            time.sleep(0.01)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=20)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return out, err, p.returncode


@pytest.mark.parametrize("src", [
    "while True: pass",
    "def spin():\n    while True:\n        pass\nspin()",
    "n = 0\nwhile True:\n    n += 1",
    # (not `try: while True: pass`: CPython 3.11 does not catch the
    # interrupt of that loop, its back-edge lies outside the handler's range)
    "try:\n    n = 0\n    while True:\n        n += 1\nexcept KeyboardInterrupt:\n    print('caught')\n'done'",
    "try:\n    n = 0\n    while True:\n        n += 1\nfinally:\n    print('cleanup')",
])
def test_sigint_while_running(pyexpr_bin, src):
    """Ctrl-C while a program runs: the same stdout, traceback and exit
    status (death by SIGINT) as CPython."""
    calc = src.endswith("'done'")
    got = _interrupt([pyexpr_bin, "-c", src], 0.2)
    exp = _interrupt([CPYTHON, "-c", src], 0.5)
    if calc:  # pyexpr's calculator echo of the last expression
        exp = (exp[0] + b"'done'\n", exp[1], exp[2])
    assert got == exp, f"[cpython] {exp}\n[pyexpr] {got}"


def test_second_sigint_ends_a_native_operation(pyexpr_bin):
    """A native operation does not see the interrupt flag; a second Ctrl-C
    ends the process at once (death by SIGINT)."""
    p = subprocess.Popen([pyexpr_bin, "-c", "x = 3 ** (10 ** 9)"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=child_env())
    time.sleep(0.3)
    p.send_signal(signal.SIGINT)
    time.sleep(0.2)
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
    try:
        p.communicate(timeout=10)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert p.returncode == -signal.SIGINT


def test_ignored_sigint_stays_ignored(pyexpr_bin):
    """As CPython: started with SIGINT ignored (nohup, `&`), Ctrl-C does
    nothing."""
    p = subprocess.Popen([pyexpr_bin, "--max-steps", "30000000", "-c", "while True: pass"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(),
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    time.sleep(0.2)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and err.endswith(b"LimitError: step limit exceeded (max_steps=30000000)\n")


# --------------------------------------------------------------------------
# files that cannot be read: python3's words, "pyexpr" for its name
# --------------------------------------------------------------------------

def _msg(stderr: bytes) -> bytes:
    """The message after the program name ('pyexpr: ' / '/path/python3: ')."""
    return stderr.split(b": ", 1)[1]


@pytest.mark.parametrize("rel", ["nope.py", "./nope.py", "sub/../nope.py", "dir/x.py", "file.py/x"])
def test_unreadable_path_like_python3(pyexpr_bin, tmp_path, rel):
    (tmp_path / "dir").mkdir()
    (tmp_path / "file.py").write_text("1\n")
    got = run_pyexpr([rel], cwd=tmp_path)
    exp = run_cpython([rel], cwd=tmp_path)
    assert exp.returncode == 2 and got.returncode == 2, got
    assert got.stdout == b""
    assert got.stderr.startswith(b"pyexpr: can't open file '"), got
    assert _msg(got.stderr) == _msg(exp.stderr)
    got = run_pyexpr([str(tmp_path / rel)])
    exp = run_cpython([str(tmp_path / rel)])
    assert _msg(got.stderr) == _msg(exp.stderr)


@pytest.mark.parametrize("arg", [".", "dir", "dir/"])
def test_directory_names_path_and_reason(pyexpr_bin, tmp_path, arg):
    """python3 runs a directory's __main__.py; pyexpr does not, and says
    which path and why, as python3 does for files it cannot open."""
    (tmp_path / "dir").mkdir()
    got = run_pyexpr([arg], cwd=tmp_path)
    assert got.returncode == 2 and got.stdout == b""
    want = f"pyexpr: can't open file '{tmp_path}/{arg}': [Errno 21] Is a directory\n"
    assert got.stderr.decode() == want
    got = run_pyexpr([f"{tmp_path}/{arg}"])
    assert got.stderr.decode() == want


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_like_python3(pyexpr_bin, tmp_path):
    f = tmp_path / "secret.py"
    f.write_text("1\n")
    f.chmod(0)
    got = run_pyexpr([str(f)])
    exp = run_cpython([str(f)])
    assert got.returncode == exp.returncode == 2
    assert _msg(got.stderr) == _msg(exp.stderr)
    assert b"[Errno 13] Permission denied" in got.stderr


def test_unreadable_file_contents(pyexpr_bin):
    """open() succeeds, read() fails: named, with the reason."""
    if not Path("/proc/self/mem").exists():
        pytest.skip("no /proc")
    got = run_pyexpr(["/proc/self/mem"])
    assert got.returncode == 2 and got.stdout == b""
    assert got.stderr.startswith(b"pyexpr: can't open file '/proc/self/mem': [Errno 5] ")
