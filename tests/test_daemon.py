"""Daemon mode (`pyexpr --daemon`, docs/daemon.md): real processes, real sockets.

Every test uses its own private directory under /tmp (short: socket paths are
limited to 107 bytes) and `$PYEXPR_SOCKET` (or `$TMPDIR` / `$XDG_RUNTIME_DIR`
for the path rules), so nothing touches a user's own daemon. Daemons are
always stopped by the fixtures' finalizers (SIGTERM, then SIGKILL), and every
wait is bounded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import pytest

from _util import CORPUS_DIR, REPO_ROOT, child_env, get_pyexpr_bin

sys.path.insert(0, str(REPO_ROOT))
from pyexpr.client import (  # noqa: E402
    Client,
    DaemonUnavailable,
    LimitError,
    ProtocolError,
    PyexprError,
    Repr,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux daemon")

TIMEOUT = 30.0

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (our own foreground child not yet reaped) is not alive
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait(pred, timeout=10.0, step=0.01):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


class Daemon:
    """One daemon's paths and CLI (the binary, with a private environment)."""

    def __init__(self, dirpath: Path, env_extra=None, sock: Path | None = None):
        self.dir = dirpath
        self.sock = sock or (dirpath / "d.sock")
        self.env = child_env()
        for k in ("PYEXPR_SOCKET", "XDG_RUNTIME_DIR", "TMPDIR", "PYEXPR_DAEMON"):
            self.env.pop(k, None)
        self.env["PYEXPR_SOCKET"] = str(self.sock)
        self.env.update(env_extra or {})
        self.proc: subprocess.Popen | None = None

    @property
    def pidfile(self) -> Path:
        return Path(str(self.sock) + ".pid")

    @property
    def logfile(self) -> Path:
        return Path(str(self.sock) + ".log")

    def cli(self, *args, input=None, timeout=TIMEOUT, env=None):
        e = dict(self.env, **(env or {}))
        p = subprocess.run(
            [get_pyexpr_bin(), *map(str, args)], input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=e,
            cwd=str(REPO_ROOT),
        )
        return p

    def start(self, *args):
        p = self.cli("--daemon", *args)
        assert p.returncode == 0, p.stderr.decode()
        assert self.sock.exists()
        return p

    def start_foreground(self, *args):
        self.proc = subprocess.Popen(
            [get_pyexpr_bin(), "--daemon", "--foreground", *map(str, args)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=self.env, cwd=str(REPO_ROOT),
        )
        ok = _wait(lambda: self.proc.poll() is not None or self.ping_ok(), 15)
        assert ok and self.proc.poll() is None, self.proc.stderr.read().decode() if self.proc.poll() is not None else "not ready"
        return self.proc

    def ping_ok(self) -> bool:
        try:
            with Client(str(self.sock), timeout=2) as c:
                c.ping()
            return True
        except OSError:
            return False
        except Exception:
            return False

    def pid(self) -> int:
        return int(self.pidfile.read_text().strip())

    def log(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def client(self, **kw) -> Client:
        return Client(str(self.sock), timeout=kw.pop("timeout", 20), **kw)

    def status(self) -> dict:
        p = self.cli("--daemon-status", "--json")
        return json.loads(p.stdout)

    def kill_all(self):
        """Finalizer: stop whatever daemon these paths belong to."""
        pids = set()
        if self.proc is not None and self.proc.poll() is None:
            pids.add(self.proc.pid)
        try:
            pids.add(self.pid())
        except (OSError, ValueError):
            pass
        for pid in pids:
            if pid > 0 and _alive(pid):
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for pid in pids:
            if pid > 0 and not _wait(lambda: not _alive(pid), 10):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if self.proc is not None:
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
            for f in (self.proc.stdout, self.proc.stderr):
                if f:
                    f.close()


@pytest.fixture
def sockdir():
    d = Path(tempfile.mkdtemp(prefix="pxd-", dir="/tmp"))
    os.chmod(d, 0o700)
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def daemon(sockdir):
    """A fresh daemon's handle (not started)."""
    d = Daemon(sockdir)
    yield d
    d.kill_all()


@pytest.fixture(scope="module")
def shared():
    """One running daemon for the read-only tests of this module."""
    tmp = Path(tempfile.mkdtemp(prefix="pxs-", dir="/tmp"))
    os.chmod(tmp, 0o700)
    d = Daemon(tmp)
    try:
        d.start("--io-timeout", "1", "--stop-timeout", "5")
        yield d
    finally:
        d.kill_all()
        shutil.rmtree(tmp, ignore_errors=True)


# raw protocol -----------------------------------------------------------------

MAGIC, VERSION = 0x50, 1


def frame(op, mode=0, flags=0, body=b""):
    return struct.pack("<IBBBBI", 8 + len(body), MAGIC, VERSION, op, mode, flags) + body


def run_frame(src: str, mode=2, flags=4, fn="<string>", extra=b""):
    s, f = src.encode(), fn.encode()
    return frame(1, mode, flags, struct.pack("<I", len(f)) + f + struct.pack("<I", len(s)) + s + extra)


def raw_conn(d: Daemon, timeout=10.0) -> socket.socket:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(str(d.sock))
    return s


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError(f"EOF after {len(buf)} of {n} bytes")
        buf += chunk
    return buf


def read_response(s):
    (n,) = struct.unpack("<I", recv_exact(s, 4))
    body = recv_exact(s, n)
    assert body[0] == MAGIC and body[1] == VERSION
    status, exitc = body[2], body[3]
    pos, fields = 8, []
    for _ in range(5):
        (k,) = struct.unpack_from("<I", body, pos)
        fields.append(body[pos + 4: pos + 4 + k])
        pos += 4 + k
    return status, exitc, fields


def assert_eof(s, timeout=10.0):
    s.settimeout(timeout)
    data = b""
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def quick_ok(d: Daemon, n=3):
    """The daemon still answers promptly."""
    with d.client(timeout=5) as c:
        for i in range(n):
            assert c.eval("x + 1", {"x": i}) == i + 1


def corpus_sample(k=45):
    files = sorted(CORPUS_DIR.glob("*/*.py"))
    if not files:
        return []
    step = max(1, len(files) // k)
    return files[::step][:k]


# --------------------------------------------------------------------------
# lifecycle
# --------------------------------------------------------------------------


def test_start_status_stop(daemon):
    p = daemon.start()
    assert b"started" in p.stdout
    pid = daemon.pid()
    assert _alive(pid)
    st = os.lstat(daemon.sock)
    assert stat.S_ISSOCK(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600
    assert stat.S_IMODE(os.stat(daemon.pidfile).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(daemon.logfile).st_mode) == 0o600

    r = daemon.cli("--daemon-status")
    assert r.returncode == 0
    text = r.stdout.decode()
    for word in (f"pid          {pid}", "uptime", "requests", "cache", "hit rate", "memory"):
        assert word in text, text
    js = daemon.status()
    assert js["running"] is True and js["pid"] == pid and js["socket"] == str(daemon.sock)
    for key in ("uptime_s", "requests", "errors", "rss_bytes", "workers", "connections"):
        assert key in js
    for key in ("entries", "bytes", "hits", "misses", "hit_rate", "max_entries", "max_bytes"):
        assert key in js["cache"]
    assert js["rss_bytes"] > 0

    again = daemon.cli("--daemon")
    assert again.returncode == 0 and b"already running" in again.stdout

    r = daemon.cli("--stop-daemon")
    assert r.returncode == 0 and b"stopped" in r.stdout, r.stderr
    assert not _alive(pid)
    assert not daemon.sock.exists() and not daemon.pidfile.exists()
    log = daemon.log()
    assert "listening on" in log and "stopped" in log

    r = daemon.cli("--daemon-status")
    assert r.returncode == 3 and b"no daemon running" in r.stdout
    r = daemon.cli("--daemon-status", "--json")
    assert r.returncode == 3 and json.loads(r.stdout)["running"] is False
    r = daemon.cli("--stop-daemon")
    assert r.returncode == 0 and b"no daemon running" in r.stdout
    r = daemon.cli("--clear-cache")
    assert r.returncode == 1 and b"no daemon" in r.stderr


def test_foreground_sigterm_graceful(daemon):
    proc = daemon.start_foreground("--workers", "2")
    with daemon.client() as c:
        assert c.eval("6 * 7") == 42
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 0
    err = proc.stderr.read().decode()
    assert "SIGTERM" in err and "stopped" in err
    assert not daemon.sock.exists() and not daemon.pidfile.exists()


def _loop_source(seconds: float) -> str:
    """A program that runs about `seconds` on this machine (calibrated)."""
    n = 200_000
    t0 = time.perf_counter()
    subprocess.run([get_pyexpr_bin(), "-c", f"for i in range({n}): pass"], check=True, timeout=60)
    # (a floor on the measured time: a too-small one would make the program
    # run for many times `seconds` and hit the daemon's timeout)
    dt = max(time.perf_counter() - t0 - 0.002, 5e-3)
    n = max(n, int(n * seconds / dt))
    return f"t = 0\nfor i in range({n}):\n    t += i\nt\n", n


def test_sigterm_finishes_in_flight_request(daemon):
    src, n = _loop_source(0.6)
    proc = daemon.start_foreground("--timeout", "20")
    out = {}

    def worker():
        with daemon.client(timeout=30) as c:
            out["value"] = c.run(src, want_value=True)

    th = threading.Thread(target=worker)
    th.start()
    assert _wait(lambda: daemon.status().get("workers_busy", 0) >= 1, 10), "request never started"
    proc.send_signal(signal.SIGTERM)
    th.join(30)
    assert not th.is_alive()
    r = out["value"]
    assert r.status == 0 and r.value == n * (n - 1) // 2
    assert proc.wait(15) == 0
    assert not daemon.sock.exists()


def test_stop_daemon_cli_waits_for_in_flight(daemon):
    src, n = _loop_source(0.5)
    daemon.start("--timeout", "20")
    pid = daemon.pid()
    res = {}
    th = threading.Thread(target=lambda: res.setdefault("r", daemon.client(timeout=30).run(src, want_value=True)))
    th.start()
    assert _wait(lambda: daemon.status().get("workers_busy", 0) >= 1, 10)
    r = daemon.cli("--stop-daemon")
    th.join(30)
    assert r.returncode == 0
    assert res["r"].value == n * (n - 1) // 2
    assert not _alive(pid) and not daemon.sock.exists() and not daemon.pidfile.exists()


def test_sighup_reopens_log(daemon):
    daemon.start()
    rotated = daemon.dir / "rotated.log"
    os.rename(daemon.logfile, rotated)
    os.kill(daemon.pid(), signal.SIGHUP)
    assert _wait(lambda: "log reopened" in daemon.log(), 10)
    assert "listening on" in rotated.read_text()
    quick_ok(daemon)


def test_foreground_log_file_option(daemon):
    log = daemon.dir / "fg.log"
    proc = daemon.start_foreground("--log-file", log)
    assert "listening on" in log.read_text()
    assert daemon.status()["log_file"] == str(log)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(15) == 0
    assert "SIGINT" in log.read_text()


def test_help_and_bad_options(daemon):
    r = daemon.cli("--daemon", "--help")
    assert r.returncode == 0 and b"--foreground" in r.stdout
    r = daemon.cli("--daemon", "--bogus")
    assert r.returncode == 2 and b"unknown daemon option" in r.stderr
    r = daemon.cli("--daemon", "--timeout", "abc")
    assert r.returncode == 2
    r = daemon.cli("--daemon", "--stop-daemon")
    assert r.returncode == 2
    r = daemon.cli("--help")
    assert b"--via-daemon" in r.stdout


# --------------------------------------------------------------------------
# paths, permissions, stale files
# --------------------------------------------------------------------------


def test_tmpdir_fallback_creates_private_dir(sockdir):
    d = Daemon(sockdir, sock=sockdir / f"pyexpr-{os.geteuid()}" / "pyexpr.sock")
    d.env.pop("PYEXPR_SOCKET")
    d.env["TMPDIR"] = str(sockdir)
    try:
        d.start()
        sub = sockdir / f"pyexpr-{os.geteuid()}"
        assert stat.S_IMODE(os.lstat(sub).st_mode) == 0o700
        assert stat.S_IMODE(os.lstat(d.sock).st_mode) == 0o600
        r = d.cli("--via-daemon", "-c", "print(1 + 1)")
        assert r.stdout == b"2\n"
        assert d.status()["runs"] == 1
    finally:
        d.kill_all()


def test_xdg_runtime_dir(sockdir):
    d = Daemon(sockdir, sock=sockdir / "pyexpr.sock")
    d.env.pop("PYEXPR_SOCKET")
    d.env["XDG_RUNTIME_DIR"] = str(sockdir)
    try:
        d.start()
        assert d.sock.exists()
        assert d.status()["socket"] == str(d.sock)
    finally:
        d.kill_all()


@pytest.mark.parametrize("kind", ["mode", "symlink"])
def test_unsafe_directory_refused(sockdir, kind):
    sub = sockdir / f"pyexpr-{os.geteuid()}"
    if kind == "mode":
        sub.mkdir(mode=0o755)
        os.chmod(sub, 0o755)
    else:
        (sockdir / "elsewhere").mkdir(mode=0o700)
        sub.symlink_to(sockdir / "elsewhere")
    d = Daemon(sockdir, sock=sub / "pyexpr.sock")
    d.env.pop("PYEXPR_SOCKET")
    d.env["TMPDIR"] = str(sockdir)
    try:
        r = d.cli("--daemon")
        assert r.returncode == 1 and b"unsafe" in r.stderr, r.stderr
        # a client silently runs the program itself
        r = d.cli("--via-daemon", "-c", "print('direct')")
        assert r.returncode == 0 and r.stdout == b"direct\n" and r.stderr == b""
    finally:
        d.kill_all()


def test_stale_socket_is_replaced(daemon):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(daemon.sock))
    s.close()  # the file stays: a stale socket, like one left by a killed daemon
    assert daemon.sock.exists()
    r = daemon.cli("--via-daemon", "-c", "1 + 2")  # falls back
    assert r.returncode == 0 and r.stdout == b"3\n" and r.stderr == b""
    daemon.start()
    assert "stale socket" in daemon.log()
    quick_ok(daemon)


def test_stale_pidfile_is_replaced(daemon):
    p = subprocess.Popen(["true"])
    p.wait()
    daemon.pidfile.write_text(f"{p.pid}\n")
    daemon.start()
    assert daemon.pid() != p.pid
    assert "stale pidfile" in daemon.log()
    quick_ok(daemon)


def test_killed_daemon_then_restart(daemon):
    daemon.start()
    pid = daemon.pid()
    os.kill(pid, signal.SIGKILL)
    assert _wait(lambda: not _alive(pid), 10)
    assert daemon.sock.exists() and daemon.pidfile.exists()  # left behind
    r = daemon.cli("--via-daemon", "-c", "print('still works')")
    assert r.stdout == b"still works\n" and r.returncode == 0
    r = daemon.cli("--daemon-status", "--json")
    assert r.returncode == 3 and json.loads(r.stdout)["stale"] is True
    daemon.start()
    assert daemon.pid() != pid
    quick_ok(daemon)
    # and --stop-daemon cleans stale files when nothing runs
    os.kill(daemon.pid(), signal.SIGKILL)
    assert _wait(lambda: not _alive(daemon.pid()), 10)
    r = daemon.cli("--stop-daemon")
    assert r.returncode == 0 and b"stale" in r.stdout
    assert not daemon.sock.exists() and not daemon.pidfile.exists()


def test_non_socket_file_not_replaced(daemon):
    daemon.sock.write_text("precious")
    r = daemon.cli("--daemon")
    assert r.returncode == 1 and b"not a socket" in r.stderr
    assert daemon.sock.read_text() == "precious"


def test_socket_in_use_by_foreign_process(daemon):
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(str(daemon.sock))
    srv.listen(1)
    try:
        r = daemon.cli("--daemon")
        assert r.returncode == 1 and b"in use" in r.stderr
    finally:
        srv.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
def test_other_uid_rejected(daemon):
    daemon.start()
    os.chmod(daemon.dir, 0o755)
    os.chmod(daemon.sock, 0o666)  # let the kernel pass it: the daemon must still refuse
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.close(r)
            os.setgid(65534)
            os.setuid(65534)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(5)
            s.connect(str(daemon.sock))
            try:  # the daemon may have closed it before we send
                s.sendall(frame(4))
                data = s.recv(100)
            except (BrokenPipeError, ConnectionResetError):
                data = b""
            os.write(w, b"got:" + str(len(data)).encode())
        except BaseException as e:
            os.write(w, f"err:{e}".encode())
        os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    msg = os.read(r, 200).decode()
    os.close(r)
    assert msg == "got:0", msg  # connection closed without an answer
    assert "rejected" in daemon.log()
    assert daemon.status()["rejected_connections"] >= 1
    quick_ok(daemon)


# --------------------------------------------------------------------------
# identical output vs direct execution; fallback
# --------------------------------------------------------------------------


def _direct_and_via(d: Daemon, args, input=None):
    a = d.cli(*args, input=input)
    b = d.cli("--via-daemon", *args, input=input)
    return a, b


@pytest.mark.parametrize("path", corpus_sample(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_identical_via_daemon(shared, path):
    a, b = _direct_and_via(shared, [path])
    assert (b.stdout, b.stderr, b.returncode) == (a.stdout, a.stderr, a.returncode)


def test_corpus_served_by_daemon_not_fallback(shared):
    """The same sample through the daemon itself (the client API never falls
    back): byte-identical stdout/stderr and exit status."""
    files = corpus_sample()
    assert len(files) >= 20
    with shared.client() as c:
        for path in files:
            a = shared.cli(path)
            r = c.run(path.read_text(), mode="calc", echo=True, filename=str(path))
            if r.status == 2:  # a daemon limit; the CLI would fall back
                continue
            assert (r.stdout, r.stderr, r.exit_code) == (a.stdout, a.stderr, a.returncode), path


@pytest.mark.parametrize(
    "args,input",
    [
        (["-c", "2 + 3"], None),
        (["-c", "x = 5"], None),
        (["-c", "print('a'); 'b' * 3"], None),
        (["-c", "print('partial'); 1 / 0"], None),
        (["-c", "def f(:\n  pass"], None),
        (["-c", "10 ** 5000"], None),  # repr itself raises (4300 digits)
        (["-c", "l = [1]; l.append(l); l"], None),
        (["-c", "'\\u00e9\\U0001F600'"], None),
        (["-"], b"for i in range(3):\n    print(i)\ni * 10\n"),
        (["-"], b"x = (1,\n"),
    ],
)
def test_cli_identical_via_daemon(shared, args, input):
    before = shared.status()["runs"]
    a, b = _direct_and_via(shared, args, input=input)
    assert (b.stdout, b.stderr, b.returncode) == (a.stdout, a.stderr, a.returncode)
    assert shared.status()["runs"] == before + 1


def test_env_var_routes_to_daemon(shared):
    before = shared.status()["runs"]
    r = shared.cli("-c", "print(7)", env={"PYEXPR_DAEMON": "1"})
    assert r.stdout == b"7\n" and r.returncode == 0
    assert shared.status()["runs"] == before + 1
    r = shared.cli("--no-daemon", "-c", "print(7)", env={"PYEXPR_DAEMON": "1"})
    assert r.stdout == b"7\n"
    assert shared.status()["runs"] == before + 1


def test_file_via_daemon_shows_source_lines(shared, sockdir):
    f = sockdir / "prog.py"
    f.write_text("def g(x):\n    return 1 // x\n\nprint('before')\ng(0)\n")
    a, b = _direct_and_via(shared, [f])
    assert b"return 1 // x" in a.stderr
    assert (b.stdout, b.stderr, b.returncode) == (a.stdout, a.stderr, a.returncode)


def test_fallback_without_daemon(daemon):
    for args in (["-c", "print('x'); 2 ** 10"], ["-c", "1/0"]):
        a, b = _direct_and_via(daemon, args)
        assert (b.stdout, b.stderr, b.returncode) == (a.stdout, a.stderr, a.returncode)
    r = daemon.cli("-c", "3 * 3", env={"PYEXPR_DAEMON": "1"})
    assert r.stdout == b"9\n" and r.stderr == b""


def test_daemon_limit_is_the_answer(daemon):
    """A daemon limit is the program's answer: the CLI prints the daemon's
    LimitError and exits 1; it never runs the program a second time (which,
    with no limits, could run forever)."""
    daemon.start("--max-output", "4K", "--max-memory", "1M", "--timeout", "0.3")
    src = "for i in range(2000):\n    print(i)\n"
    r = daemon.cli("--via-daemon", "-c", src)
    assert (r.stdout, r.returncode) == (b"", 1)
    assert r.stderr == b"LimitError: output limit exceeded (max_output=4096 bytes)\n"
    r = daemon.cli("--via-daemon", "-c", "len([0] * 1000000)")
    assert r.returncode == 1 and r.stdout == b""
    assert r.stderr.endswith(b"LimitError: memory limit exceeded (max_memory=1048576 bytes)\n")
    # the direct run with the same limit prints the same
    assert daemon.cli("--max-memory", "1M", "-c", "len([0] * 1000000)").stderr == r.stderr
    t0 = time.monotonic()
    r = daemon.cli("--via-daemon", "-c", "while True: pass", timeout=20)
    assert time.monotonic() - t0 < 10
    assert r.returncode == 1 and r.stderr.endswith(b"LimitError: time limit exceeded (timeout=0.3s)\n")
    st = daemon.status()
    assert st["limit_errors"] == 3 and st["runs"] == 3
    with daemon.client() as c:
        with pytest.raises(LimitError, match="output limit"):
            c.exec(src)
        with pytest.raises(LimitError, match="memory limit"):
            c.eval("len([0] * 1000000)")


def test_via_daemon_sends_limit_flags(shared):
    """--max-steps/--max-memory/--timeout/--max-depth go with the request
    (tightening the daemon's limits): same output as the direct run with the
    same flags, and the daemon ran it."""
    cases = [
        ["--max-steps", "500", "-c", "while True: pass"],
        ["--max-steps=500", "-c", "n = 0\nfor i in range(100): n += i\nn"],
        ["--max-memory", "2M", "-c", "x = [0] * 10 ** 6"],
        ["--max-memory=64K", "-c", "len('ab' * 1000)"],
        ["--max-depth", "40", "-c", "def f(n): return f(n + 1)\nf(0)"],
        ["--timeout", "0.2", "-c", "while True: pass"],
        # output printed before a LimitError is kept, as in the direct run
        ["--max-steps", "500", "-c", "print('first')\nwhile True: pass"],
        ["--max-memory", "1M", "-c", "print('a')\nprint('b')\nx = 'a' * 10 ** 12"],
        ["--timeout", "0.1", "-c", "for i in range(3):\n    print(i)\nwhile True: pass"],
    ]
    for args in cases:
        before = shared.status()["runs"]
        a, b = _direct_and_via(shared, args)
        assert (b.stdout, b.stderr, b.returncode) == (a.stdout, a.stderr, a.returncode), args
        assert shared.status()["runs"] == before + 1, args


def test_fallback_keeps_limit_flags(daemon):
    """No daemon: --via-daemon runs the program here, with the limits."""
    t0 = time.monotonic()
    r = daemon.cli("--via-daemon", "--max-steps", "1000", "-c", "while True: pass", timeout=20)
    assert r.returncode == 1 and r.stderr.endswith(b"LimitError: step limit exceeded (max_steps=1000)\n")
    r = daemon.cli("--via-daemon", "--timeout", "0.2", "-c", "while True: pass", timeout=20)
    assert r.returncode == 1 and r.stderr.endswith(b"LimitError: time limit exceeded (timeout=0.2s)\n")
    assert time.monotonic() - t0 < 10


def test_system_exit_via_daemon(shared):
    for src in ("raise SystemExit(3)", "print('out')\nraise SystemExit('bye')", "raise SystemExit",
                "raise SystemExit(None)", "raise SystemExit(-1)", "raise SystemExit(2 ** 70)",
                "print('out')\nraise KeyboardInterrupt"):
        a, b = _direct_and_via(shared, ["-c", src])
        exp = subprocess.run([sys.executable, "-c", src], capture_output=True, timeout=TIMEOUT)
        assert (a.stdout, a.stderr, a.returncode) == (exp.stdout, exp.stderr, exp.returncode), src
        assert (b.stdout, b.stderr, b.returncode) == (a.stdout, a.stderr, a.returncode), src


def test_status_before_first_start(sockdir):
    """No daemon was ever started ($TMPDIR/pyexpr-UID does not exist): the
    commands say so, no 'unsafe directory' complaint."""
    d = Daemon(sockdir)
    d.env.pop("PYEXPR_SOCKET")
    d.env["TMPDIR"] = str(sockdir / "fresh")
    (sockdir / "fresh").mkdir()
    r = d.cli("--daemon-status")
    assert r.returncode == 3 and r.stdout.startswith(b"pyexpr daemon: no daemon running"), r
    assert b"unsafe" not in r.stdout + r.stderr
    r = d.cli("--daemon-status", "--json")
    js = json.loads(r.stdout)
    assert r.returncode == 3 and js["running"] is False and js["stale"] is False
    assert js["socket"] == str(sockdir / "fresh" / f"pyexpr-{os.geteuid()}" / "pyexpr.sock")
    r = d.cli("--stop-daemon")
    assert r.returncode == 0 and b"no daemon running" in r.stdout
    r = d.cli("--clear-cache")
    assert r.returncode == 1 and b"no daemon running" in r.stderr
    r = d.cli("--via-daemon", "-c", "6 * 7")
    assert (r.stdout, r.stderr, r.returncode) == (b"42\n", b"", 0)
    assert not (sockdir / "fresh" / f"pyexpr-{os.geteuid()}").exists()


# --------------------------------------------------------------------------
# Python client
# --------------------------------------------------------------------------


def test_client_values_roundtrip(shared):
    values = [
        None, True, False, 0, -1, 2**63 - 1, -(2**63), 2**63, -(2**200), 10**400, 1.5, -0.0,
        float("inf"), "", "héllo \U0001F600", [1, [2, [3]]], (1, "a", None), (),
        {"a": 1, 2: [3], (1, 2): {"x": None}}, {1, 2, 3}, frozenset({"a"}),
        b"", b"\x00\xff", bytearray(b"ab"), {b"k": [bytearray()]},
    ]
    with shared.client() as c:
        for v in values:
            got = c.eval("v", {"v": v})
            assert got == v and type(got) is type(v), (v, got)
        assert c.eval("x * 2 + y", {"x": 20, "y": 2, "unused": [1]}) == 42
        nan = c.eval("v", {"v": float("nan")})
        assert nan != nan
        r = c.eval("range(3)")
        assert isinstance(r, Repr) and r == "range(0, 3)" and repr(r) == "range(0, 3)"
        assert c.eval("len", {"len": 5}) == 5  # names shadow builtins


GLOBALS_PROGRAMS = [
    ("a = 2 ** 100\nb = [a, 'x']", None),
    ("x = 1\ndef f(): pass\ny = range(3)", None),  # no value encoding: left out
    ("s = s + 1\ndel t", {"s": 1, "t": 2, "u": 3}),  # deleted: removed
    ("len = 5\nprint(len)", None),  # a builtin rebound is a variable
    ("n = len('abc')", None),  # builtins left as they were: not variables
    ("z = {1: (2, 3.5)}\nw = {frozenset({1})}\nv = None", None),
    ("for i in range(3): pass", {"i": 9}),
    ("if False:\n    never = 1", {"k": [1, {"a": 2}]}),
    ("l = [1]\nl.append(l)", None),  # self-containing: left out
    ("bb = b'x' + bytes(2)\nba = bytearray(b'q')\nba.append(1)", {"inp": b"\xff"}),
]


def test_client_exec_returns_variables_like_the_extension(shared):
    """GLOBALS: Client.exec returns what pyexpr.exec returns."""
    from _extension_build import load_pyexpr

    ext = load_pyexpr()
    with shared.client() as c:
        for src, names in GLOBALS_PROGRAMS:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # no "daemon without GLOBALS" warning
                got = c.exec(src, dict(names) if names else None)
            exp = ext.exec(src, dict(names) if names else None)
            assert got == exp, src
        r = c.run("q = 1\n1 / 0", mode="exec", want_globals=True)
        assert r.status == 1 and r.globals is None  # only OK responses carry it


def test_client_exec_output_and_errors(shared):
    import io

    buf = io.StringIO()
    with shared.client(stdout=buf) as c:
        with warnings.catch_warnings():  # a daemon without GLOBALS support warns
            warnings.simplefilter("ignore", RuntimeWarning)
            got = c.exec("for i in range(3): print(i, s)", {"s": "x"})
        assert isinstance(got, dict) and got["s"] == "x"  # the shape of pyexpr.exec
        assert buf.getvalue() == "0 x\n1 x\n2 x\n"
        cases = [
            ("1 / 0", ZeroDivisionError, "division by zero"),
            ("{}['k']", KeyError, "'k'"),
            ("undefined_x", NameError, "name 'undefined_x' is not defined"),
            ("int('z')", ValueError, "invalid literal"),
            ("[1][5]", IndexError, "list index out of range"),
            ("'a' + 1", TypeError, "can only concatenate"),
        ]
        for src, exc, text in cases:
            with pytest.raises(exc) as ei:
                c.eval(src)
            assert text in str(ei.value)
            assert ei.value.pyexpr_type == exc.__name__
            assert "Traceback" in ei.value.pyexpr_traceback
        with pytest.raises(KeyError) as ei:
            c.eval("{}['k']")
        assert ei.value.args == ("k",)
        with pytest.raises(SyntaxError) as ei:
            c.exec("def f(:\n  pass")
        assert ei.value.lineno == 1
        with pytest.raises(SyntaxError):
            c.eval("x = 1")  # eval mode: statements are a SyntaxError
        with pytest.raises(RecursionError):
            c.exec("def f(n): return f(n + 1)\nf(0)")
        buf.truncate(0)
        buf.seek(0)
        with pytest.raises(ZeroDivisionError) as ei:
            c.exec("print('before'); 1/0")
        assert ei.value.pyexpr_stdout == b"before\n" and buf.getvalue() == "before\n"
        with pytest.raises(TypeError):
            c.eval("x", {"x": object()})
        r = c.run("print(1); 2", echo=True)
        assert (r.status, r.exit_code, r.stdout, r.repr) == (0, 0, b"1\n2\n", "2")


def test_client_names_count_toward_max_memory(shared):
    """Decoded request names are held to the request's max_memory (they are
    the run's inputs): too big a value is refused as a bad request naming
    the limit, whatever the container, and the daemon goes on serving."""
    msg = "names: LimitError: memory limit exceeded (max_memory=1048576 bytes)"
    big = [None] * 200_000  # 16 bytes a slot: over 1 MiB in any container
    with shared.client() as c:
        for v in (tuple(big), big, {i: None for i in range(100_000)}, set(range(100_000)),
                  [[None] * 1000 for _ in range(200)]):
            with pytest.raises(ProtocolError, match=re.escape(msg)):
                c.eval("len(v)", {"v": v}, max_memory=1 << 20)
        assert c.eval("len(v)", {"v": tuple(big)}) == 200_000  # the daemon's own 256M: fine
        assert c.eval("len(v)", {"v": big[:1000]}, max_memory=1 << 20) == 1000


def test_one_limit_error_for_daemon_and_extension(shared):
    """pyexpr.client.LimitError is the extension's pyexpr.LimitError: a
    daemon's LimitError is caught by `except pyexpr.LimitError`, and the same
    handler catches the extension's own."""
    from _extension_build import load_pyexpr

    pyexpr = load_pyexpr()
    import pyexpr.client as client_mod

    assert client_mod.LimitError is pyexpr.LimitError is pyexpr._pyexpr.LimitError
    assert LimitError is pyexpr.LimitError  # what this module imported from pyexpr.client
    assert issubclass(pyexpr.LimitError, RuntimeError) and pyexpr.LimitError.__module__ == "pyexpr"
    caught = []
    with shared.client() as c:
        for run in (lambda: c.exec("while True: pass", max_steps=1000),
                    lambda: c.exec("x = [0] * 10000000", max_memory=1 << 20),
                    lambda: pyexpr.exec("while True: pass", max_steps=1000)):
            try:
                run()
            except pyexpr.LimitError as e:
                caught.append(type(e))
    assert caught == [pyexpr.LimitError] * 3


def test_one_limit_error_without_the_extension():
    """Without the compiled extension (a client-only install) LimitError is
    still one class: pyexpr.LimitError is pyexpr.client.LimitError, a
    RuntimeError from module pyexpr, and the client raises it."""
    code = (
        "import importlib.abc, sys\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'pyexpr._pyexpr':\n"
        "            raise ImportError('blocked for the test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import pyexpr, pyexpr.client as c\n"
        "assert 'pyexpr._pyexpr' not in sys.modules\n"
        "assert pyexpr.LimitError is c.LimitError\n"
        "assert issubclass(c.LimitError, RuntimeError) and c.LimitError.__module__ == 'pyexpr'\n"
        "r = c.RunResult(c.ST_LIMIT, 1, b'', b'', None, 'LimitError', 'step limit exceeded (max_steps=1)')\n"
        "e = c._exception_for(r)\n"
        "assert type(e) is pyexpr.LimitError, type(e)\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                       timeout=TIMEOUT, env=child_env())
    assert r.returncode == 0 and r.stdout == b"ok\n", r.stderr.decode()


def test_client_limits(shared):
    with shared.client() as c:
        t0 = time.monotonic()
        with pytest.raises(LimitError, match="time limit"):
            c.exec("while True: pass", timeout=0.05)
        assert time.monotonic() - t0 < 0.9
        with pytest.raises(LimitError, match="step limit"):
            c.exec("while True: pass", max_steps=1000)
        with pytest.raises(LimitError, match="memory limit"):
            c.exec("x = [0] * 10000000", max_memory=1 << 20)
        with pytest.raises(RecursionError):
            c.exec("def f(n): return f(n + 1) if n < 500 else n\nf(0)", max_depth=50)
        # requests can only tighten the daemon's limits
        with pytest.raises(LimitError, match="time limit"):
            c.exec("while True: pass", timeout=100)
        assert c.eval("1 + 1") == 2


def test_client_persistent_connection_and_context_manager(shared):
    before = shared.status()["connections_total"]
    c = shared.client()
    with c:
        for i in range(50):
            assert c.eval(f"{i} + 1") == i + 1
        assert c.connected
        st = c.status()
    assert not c.connected
    assert st["connections_total"] == before + 1
    # reconnects lazily after close
    assert c.eval("2") == 2
    c.close()


def test_client_status_and_clear_cache(daemon):
    daemon.start()
    with daemon.client() as c:
        for i in range(5):
            c.eval(f"{i} * 2")
            c.eval(f"{i} * 2")
        st = c.status()
        assert st["cache"]["entries"] == 5 and st["cache"]["hits"] == 5
        assert st["cache"]["misses"] == 5 and st["cache"]["hit_rate"] == 0.5
        assert st["cache"]["bytes"] > 0
        out = c.clear_cache()
        assert out["cleared_entries"] == 5
        assert c.status()["cache"]["entries"] == 0
        c.eval("1 * 2")
    r = daemon.cli("--clear-cache")
    assert r.returncode == 0 and b"cleared" in r.stdout
    assert daemon.status()["cache"]["entries"] == 0


def test_client_unavailable(sockdir):
    with pytest.raises(DaemonUnavailable):
        Client(str(sockdir / "nothing.sock")).eval("1")
    assert issubclass(DaemonUnavailable, ConnectionError)


def test_client_reconnects_after_daemon_restart(daemon):
    daemon.start()
    c = daemon.client()
    assert c.eval("1") == 1
    assert daemon.cli("--stop-daemon").returncode == 0
    daemon.start()
    assert c.eval("2") == 2  # the broken connection is replaced once
    c.close()


def test_unknown_exception_type_maps_to_pyexpr_error(shared):
    with shared.client() as c:
        with pytest.raises(BaseException) as ei:
            c.exec("raise KeyboardInterrupt")
        assert isinstance(ei.value, PyexprError) and ei.value.pyexpr_type == "KeyboardInterrupt"


# --------------------------------------------------------------------------
# concurrency, stuck scripts
# --------------------------------------------------------------------------


def test_concurrent_clients(shared):
    errors = []

    def worker(k):
        try:
            with shared.client() as c:
                for i in range(150):
                    v = c.eval("[a * k for a in range(n)]", {"k": k, "n": i % 7})
                    assert v == [a * k for a in range(i % 7)]
                    if i % 25 == 0:
                        with pytest.raises(ZeroDivisionError):
                            c.eval("k / 0", {"k": k})
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    ths = [threading.Thread(target=worker, args=(k,)) for k in range(16)]
    for t in ths:
        t.start()
    for t in ths:
        t.join(60)
    assert not any(t.is_alive() for t in ths)
    assert not errors, errors[:3]


def test_stuck_scripts_do_not_stall_others(shared):
    """More stuck scripts than base workers: everyone else is still served
    quickly (the pool grows), and the stuck ones end with a LimitError."""
    n_stuck = 3
    results = []

    def stuck():
        with shared.client() as c:
            t0 = time.monotonic()
            try:
                c.exec("while True:\n    pass\n")
            except LimitError as e:
                results.append(("limit", str(e), time.monotonic() - t0))
            except BaseException as e:  # noqa: BLE001
                results.append(("other", repr(e), 0))

    ths = [threading.Thread(target=stuck) for _ in range(n_stuck)]
    for t in ths:
        t.start()
    time.sleep(0.15)
    worst = 0.0
    with shared.client() as c:
        for i in range(40):
            t0 = time.monotonic()
            assert c.eval("i * 3", {"i": i}) == i * 3
            worst = max(worst, time.monotonic() - t0)
    for t in ths:
        t.join(30)
    assert worst < 0.6, f"a quick request waited {worst:.3f}s behind stuck scripts"
    assert len(results) == n_stuck
    for kind, msg, dt in results:
        assert kind == "limit" and "time limit exceeded" in msg
        assert 0.9 < dt < 5


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------


def test_oversize_frame(shared):
    s = raw_conn(shared)
    s.sendall(struct.pack("<I", (16 << 20) + 1) + b"\x50\x01")
    status, _, fields = read_response(s)
    assert status == 3 and b"exceeds the limit" in fields[1]
    assert_eof(s)
    s.close()
    quick_ok(shared)
    assert "exceeds the limit" in shared.log()


def test_garbage_bytes(shared):
    s = raw_conn(shared)
    s.sendall(b"\x10\x00\x00\x00this is not a frame!")
    status, _, fields = read_response(s)
    assert status == 3 and b"bad magic" in fields[1]
    assert_eof(s)
    s.close()
    s = raw_conn(shared)  # an HTTP request: its "length" is huge
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    status, _, fields = read_response(s)
    assert status == 3
    assert_eof(s)
    s.close()
    s = raw_conn(shared)  # a frame shorter than the header
    s.sendall(struct.pack("<I", 3) + b"\x50\x01\x01")
    status, _, fields = read_response(s)
    assert status == 3
    s.close()
    quick_ok(shared)


def test_bad_payload_keeps_connection(shared):
    s = raw_conn(shared)
    bad = [
        frame(99),                                      # unknown op
        frame(1, 7, 0, b""),                           # unknown mode
        frame(1, 2, 0, b"\x05\x00\x00\x00ab"),          # truncated body
        run_frame("x", flags=1, extra=b"\x01\x00\x00\x00\x01\x00\x00\x00xQ"),  # bad value tag
        run_frame("x", flags=1, extra=struct.pack("<I", 1) + b"\x01\x00\x00\x00xs\x02\x00\x00\x00\xff\xfe"),
        run_frame("x", flags=1, extra=struct.pack("<I", 1) + b"\x01\x00\x00\x00xd\x01\x00\x00\x00l\x00\x00\x00\x00N"),
        run_frame("x", extra=b"trailing"),
    ]
    for f in bad:
        s.sendall(f)
        status, exitc, fields = read_response(s)
        assert status == 3 and exitc == 1 and b"bad request" in fields[1], fields[1]
    s.sendall(run_frame("40 + 2"))  # the connection still works
    status, exitc, fields = read_response(s)
    assert (status, exitc, fields[0]) == (0, 0, b"42\n")
    s.close()


def test_pipelined_requests_in_order(shared):
    s = raw_conn(shared)
    s.sendall(b"".join(run_frame(f"print({i}); {i} * 2") for i in range(200)))
    for i in range(200):
        status, _, fields = read_response(s)
        assert status == 0 and fields[0] == f"{i}\n{i * 2}\n".encode()
    s.close()


def test_disconnect_mid_request(shared):
    full = run_frame("print('never')")
    s = raw_conn(shared)
    s.sendall(full[: len(full) // 2])
    s.close()
    assert _wait(lambda: "disconnected mid-request" in shared.log(), 5)
    # a client that goes away while its program runs
    s = raw_conn(shared)
    s.sendall(run_frame("t = 0\nfor i in range(300000):\n    t += i\nt"))
    s.close()
    quick_ok(shared)


def test_stalled_mid_frame_is_dropped(shared):
    full = run_frame("1")
    s = raw_conn(shared)
    s.sendall(full[:7])
    t0 = time.monotonic()
    assert_eof(s, timeout=10)  # --io-timeout 1
    assert 0.8 < time.monotonic() - t0 < 5
    s.close()
    quick_ok(shared)


def test_client_never_reading(shared):
    s = raw_conn(shared)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    big = run_frame("print('x' * 200000)")
    stop = threading.Event()

    def pump():
        try:
            while not stop.is_set():
                s.sendall(big)
        except OSError:
            pass

    th = threading.Thread(target=pump, daemon=True)
    th.start()
    time.sleep(0.3)
    quick_ok(shared, 5)  # others are served while this one is backed up
    assert _wait(lambda: "not reading" in shared.log(), 10)
    stop.set()
    s.close()
    th.join(5)
    quick_ok(shared)


def test_many_connections_at_once(shared):
    socks = [raw_conn(shared) for _ in range(100)]
    for i, s in enumerate(socks):
        s.sendall(run_frame(f"{i} + 1"))
    for i, s in enumerate(socks):
        status, _, fields = read_response(s)
        assert status == 0 and fields[0] == f"{i + 1}\n".encode()
        s.close()


def test_shared_daemon_still_healthy(shared):
    """Runs last in this module: after all the abuse above."""
    st = shared.status()
    assert st["running"] and st["protocol_errors"] >= 3
    quick_ok(shared)
    assert _alive(st["pid"])
