"""The daemon's sessions (`pyexpr.Client.session()`, docs/daemon.md
"Sessions"): the same persistent globals as the MCP server's `session`
argument (docs/mcp.md), through the daemon's binary protocol."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from _util import child_env, get_pyexpr_bin
from pyexpr.client import Client, ProtocolError


@pytest.fixture(scope="module")
def sock():
    d = Path(tempfile.mkdtemp(prefix="pxm-", dir="/tmp"))
    os.chmod(d, 0o700)
    path = d / "d.sock"
    env = child_env()
    env.pop("PYEXPR_DAEMON", None)
    proc = subprocess.Popen([get_pyexpr_bin(), "--daemon", "--foreground", "--socket", str(path)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with Client(str(path), timeout=2) as c:
                    c.ping()
                break
            except Exception:  # noqa: BLE001 - not up yet
                assert proc.poll() is None and time.monotonic() < deadline, "daemon did not start"
                time.sleep(0.05)
        yield str(path)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        err = proc.stderr.read()
        proc.stderr.close()
        shutil.rmtree(d, ignore_errors=True)
        assert b"Sanitizer" not in err and b"runtime error" not in err, err.decode("utf-8", "replace")


def test_session_keeps_globals(sock):
    with Client(sock) as c, c.session() as s:
        s.exec("def f(n):\n    return n * k\nk = 3")
        assert s.eval("f(14)") == 42
        assert s.exec("k2 = k * 2", {"extra": 1}) == {"k": 3, "k2": 6, "extra": 1}
        # other sessions and plain calls do not see it
        with pytest.raises(NameError):
            c.eval("k")
        with pytest.raises(NameError):
            c.session().eval("k")
        # an error keeps the session
        with pytest.raises(ZeroDivisionError):
            s.eval("k / 0")
        assert s.eval("k") == 3
        r = s.run("print(k)\nk + 1", echo=True)
        assert r.stdout == b"3\n4\n"


def test_session_shared_between_clients_and_dropped(sock):
    with Client(sock) as a, Client(sock) as b:
        a.session("shared").exec("x = [1, 2]")
        assert b.session("shared").eval("x + [3]") == [1, 2, 3]
        assert b.drop_session("shared") is True
        assert b.drop_session("shared") is False
        with pytest.raises(NameError):
            a.session("shared").eval("x")
        a.drop_session("shared")


def test_session_limits_and_bad_ids(sock):
    with Client(sock) as c, c.session() as s:
        from pyexpr import LimitError
        with pytest.raises(LimitError):
            s.exec("while True: pass", timeout=0.2)
        assert s.eval("1 + 1") == 2
        with pytest.raises(ProtocolError, match="bad session id"):
            c.session("").eval("1")
        with pytest.raises(ProtocolError, match="bad session id"):
            c.session("x" * 129).eval("1")


def test_session_requests_serialize(sock):
    """Two clients on one session: each request sees the other's effects."""
    with Client(sock) as c:
        c.session("count").exec("n = 0")

    def bump():
        with Client(sock) as c:
            for _ in range(25):
                c.session("count").exec("n = n + 1")

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with Client(sock) as c:
        assert c.session("count").eval("n") == 100
        c.drop_session("count")
