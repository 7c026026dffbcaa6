"""Client for the pyexpr daemon (``pyexpr --daemon``; protocol in docs/daemon.md).

    >>> from pyexpr import Client
    >>> with Client() as c:                 # default socket, persistent connection
    ...     c.eval("x * 2 + 1", {"x": 20})
    41

``Client(path=None)`` connects lazily to ``path`` or the default socket
(``$PYEXPR_SOCKET``, ``$XDG_RUNTIME_DIR/pyexpr.sock``, else
``${TMPDIR:-/tmp}/pyexpr-UID/pyexpr.sock``) and keeps one connection open.
One ``Client`` may be shared by threads (requests are serialised on its
connection); use one per thread for parallelism.

Errors raised by the program come back as Python exceptions of the same
name when Python has that built-in exception (``ZeroDivisionError``,
``KeyError``, ``SyntaxError``, ...), as :class:`LimitError` when a time,
memory, step or output limit stopped it, and as :class:`PyexprError`
otherwise.  Every such exception carries ``pyexpr_type`` (the type name),
``pyexpr_traceback`` (the traceback text pyexpr printed) and
``pyexpr_stdout`` (what the program printed before failing).  Problems with
the daemon itself raise :class:`DaemonError` (:class:`DaemonUnavailable`
when none answers).
"""

from __future__ import annotations

import ast
import builtins
import os
import re
import socket
import stat
import struct
import sys
import threading
import warnings
from typing import Any, Dict, NamedTuple, Optional

__all__ = [
    "Client",
    "Session",
    "RunResult",
    "Repr",
    "DaemonError",
    "DaemonUnavailable",
    "ProtocolError",
    "LimitError",
    "PyexprError",
    "default_socket_path",
]

# --- protocol constants (keep in step with csrc/daemon/) ---------------------
MAGIC = 0x50
VERSION = 1
OP_RUN, OP_STATUS, OP_CLEAR_CACHE, OP_PING, OP_STOP, OP_DROP_SESSION = 1, 2, 3, 4, 5, 6
MODES = {"exec": 0, "eval": 1, "calc": 2}
RQ_NAMES, RQ_LIMITS, RQ_ECHO, RQ_VALUE, RQ_REPR, RQ_GLOBALS = 1, 2, 4, 8, 16, 32
# SESSION (docs/daemon.md "Sessions"): flag 64; the frame carries `u32 len` +
# the session id after the limits (before the names); the run's globals live
# on in that session. OP_DROP_SESSION's body is `u32 len` + the id.
RQ_SESSION = 64
ST_OK, ST_ERROR, ST_LIMIT, ST_BAD_REQUEST, ST_SERVER_ERROR, ST_UNAVAILABLE = range(6)
RS_VALUE, RS_REPR, RS_GLOBALS = 1, 2, 4
# GLOBALS (so that Client.exec returns what pyexpr.exec returns; the daemon
# side is csrc/daemon/request.c's): a RUN request with flag 32 asks for the program's
# top-level variables. An OK response then has flag 4 and, after the value
# (if flag 1), `u32 count` + count x (`u32 len` + UTF-8 name, then a typed
# value or the single byte TAG_ABSENT), one entry per global slot of the
# compiled program except builtins it left unchanged: the value if the slot
# is bound to an encodable value, TAG_ABSENT if it is unbound (deleted, never
# assigned) or has no value encoding (function, module, range, ...). The
# client applies the entries to a copy of names (value: set, absent: remove).
# A daemon that ignores flag 32 sends no section (see Client.exec).
TAG_ABSENT = 0x2D  # "-"
STATUS_NAMES = {
    ST_OK: "ok",
    ST_ERROR: "error",
    ST_LIMIT: "limit",
    ST_BAD_REQUEST: "bad_request",
    ST_SERVER_ERROR: "server_error",
    ST_UNAVAILABLE: "unavailable",
}
MAX_RESPONSE = 1 << 30
_MAX_DEPTH = 100

_HDR = struct.Struct("<IBBBBI")  # length, magic, version, op, mode, flags
_U32 = struct.Struct("<I")
_I64 = struct.Struct("<q")
_F64 = struct.Struct("<d")
_LIMITS = struct.Struct("<QQII")


# --- exceptions ------------------------------------------------------------
class DaemonError(Exception):
    """The daemon could not be reached or did not answer properly."""


class DaemonUnavailable(DaemonError, ConnectionError):
    """No daemon is listening on the socket (or it closed the connection)."""


class ProtocolError(DaemonError):
    """The daemon rejected the request, or sent something unreadable."""


from ._limit_error import LimitError  # the extension's class: one for the package


class PyexprError(Exception):
    """A pyexpr exception with no built-in Python counterpart of that name."""


class Repr(str):
    """The repr of a result that has no Python value encoding (e.g. ``range(0, 3)``).

    A ``str`` holding the repr text; ``repr()`` of it returns the text itself."""

    def __repr__(self) -> str:
        return str(self)


class RunResult(NamedTuple):
    """One response, undigested (see :meth:`Client.run`)."""

    status: int  # ST_* (0 ok, 1 the program raised, 2 limit, 3 bad request, ...)
    exit_code: int  # what `pyexpr` would exit with
    stdout: bytes
    stderr: bytes  # traceback text (or the daemon's message)
    repr: Optional[str]
    exc_type: Optional[str]
    exc_message: Optional[str]
    value: Any = None
    has_value: bool = False
    #: exec with want_globals: [(name, value or _ABSENT)] of the program's
    #: top-level variables, or None when the daemon did not send them
    globals: Optional[list] = None

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, str(self.status))


# --- socket path -------------------------------------------------------------
def _private_dir(path: str) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not (st.st_mode & 0o077)


def default_socket_path() -> str:
    """The socket the daemon uses by default (the same rules as the C side)."""
    env = os.environ.get("PYEXPR_SOCKET")
    if env:
        return os.path.abspath(env)
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and xdg.startswith("/") and _private_dir(xdg):
        return os.path.join(xdg, "pyexpr.sock")
    tmp = os.environ.get("TMPDIR")
    if not tmp or not tmp.startswith("/") or len(tmp) > 512:
        tmp = "/tmp"
    return os.path.join(tmp, f"pyexpr-{os.geteuid()}", "pyexpr.sock")


# --- typed values ------------------------------------------------------------
def _encode(v: Any, out: bytearray, depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        raise ValueError(f"values nested deeper than {_MAX_DEPTH} levels")
    if v is None:
        out += b"N"
    elif v is True:
        out += b"T"
    elif v is False:
        out += b"F"
    elif isinstance(v, int):
        if -(1 << 63) <= v < (1 << 63):
            out += b"i"
            out += _I64.pack(v)
        else:
            mag = abs(v)
            data = mag.to_bytes((mag.bit_length() + 7) // 8, "little")
            out += b"I"
            out.append(1 if v < 0 else 0)
            out += _U32.pack(len(data))
            out += data
    elif isinstance(v, float):
        out += b"f"
        out += _F64.pack(v)
    elif isinstance(v, str):
        data = v.encode("utf-8")
        out += b"s"
        out += _U32.pack(len(data))
        out += data
    elif isinstance(v, (bytes, bytearray)):
        out += b"B" if isinstance(v, bytearray) else b"b"
        out += _U32.pack(len(v))
        out += v
    elif isinstance(v, (list, tuple)):
        out += b"l" if isinstance(v, list) else b"t"
        out += _U32.pack(len(v))
        for x in v:
            _encode(x, out, depth + 1)
    elif isinstance(v, dict):
        out += b"d"
        out += _U32.pack(len(v))
        for k, x in v.items():
            _encode(k, out, depth + 1)
            _encode(x, out, depth + 1)
    elif isinstance(v, (set, frozenset)):
        out += b"z" if isinstance(v, frozenset) else b"S"
        out += _U32.pack(len(v))
        for x in v:
            _encode(x, out, depth + 1)
    else:
        raise TypeError(f"cannot send a value of type {type(v).__name__!r} to pyexpr "
                        "(None, bool, int, float, str, bytes, bytearray, list, tuple, dict, set, "
                        "frozenset)")


def _decode(buf: memoryview, pos: int) -> "tuple[Any, int]":
    tag = buf[pos]
    pos += 1
    if tag == 0x4E:  # N
        return None, pos
    if tag == 0x54:  # T
        return True, pos
    if tag == 0x46:  # F
        return False, pos
    if tag == 0x69:  # i
        return _I64.unpack_from(buf, pos)[0], pos + 8
    if tag == 0x66:  # f
        return _F64.unpack_from(buf, pos)[0], pos + 8
    if tag == 0x49:  # I
        neg = buf[pos]
        (n,) = _U32.unpack_from(buf, pos + 1)
        pos += 5
        v = int.from_bytes(buf[pos : pos + n], "little")
        return (-v if neg else v), pos + n
    if tag == 0x73:  # s
        (n,) = _U32.unpack_from(buf, pos)
        pos += 4
        return str(buf[pos : pos + n], "utf-8", "surrogatepass"), pos + n
    if tag in (0x62, 0x42):  # b B
        (n,) = _U32.unpack_from(buf, pos)
        pos += 4
        data = bytes(buf[pos : pos + n])
        return (data if tag == 0x62 else bytearray(data)), pos + n
    if tag in (0x6C, 0x74, 0x53, 0x7A):  # l t S z
        (n,) = _U32.unpack_from(buf, pos)
        pos += 4
        items = []
        for _ in range(n):
            x, pos = _decode(buf, pos)
            items.append(x)
        if tag == 0x6C:
            return items, pos
        if tag == 0x74:
            return tuple(items), pos
        return (set(items) if tag == 0x53 else frozenset(items)), pos
    if tag == 0x64:  # d
        (n,) = _U32.unpack_from(buf, pos)
        pos += 4
        d = {}
        for _ in range(n):
            k, pos = _decode(buf, pos)
            d[k], pos = _decode(buf, pos)
        return d, pos
    raise ProtocolError(f"unknown value tag 0x{tag:02x} in response")


_ABSENT = object()


def _decode_globals(buf: memoryview, pos: int) -> "tuple[list, int]":
    (n,) = _U32.unpack_from(buf, pos)
    pos += 4
    out = []
    for _ in range(n):
        (ln,) = _U32.unpack_from(buf, pos)
        pos += 4
        name = str(buf[pos : pos + ln], "utf-8")
        pos += ln
        if buf[pos] == TAG_ABSENT:
            out.append((name, _ABSENT))
            pos += 1
        else:
            v, pos = _decode(buf, pos)
            out.append((name, v))
    return out, pos


# --- exceptions from responses ----------------------------------------------
_TB_FILE = re.compile(r'File "(.*)", line (\d+)')


def _exception_for(r: RunResult) -> BaseException:
    etype = r.exc_type or "Exception"
    msg = r.exc_message or ""
    tb = r.stderr.decode("utf-8", "replace")
    cls = getattr(builtins, etype, None)
    exc: BaseException
    if r.status == ST_LIMIT or etype == "LimitError":
        exc = LimitError(msg)
    elif isinstance(cls, type) and issubclass(cls, Exception):
        if issubclass(cls, SyntaxError):
            m = None
            for m in _TB_FILE.finditer(tb):
                pass
            if m:
                lines = tb[m.end():].splitlines()
                text = lines[1].strip() if len(lines) > 1 else None
                exc = cls(msg, (m.group(1), int(m.group(2)), None, text))
            else:
                exc = cls(msg)
        elif cls is KeyError:
            try:
                exc = KeyError(ast.literal_eval(msg))
            except Exception:
                exc = KeyError(msg)
        else:
            try:
                exc = cls(msg) if msg else cls()
            except Exception:
                exc = PyexprError(f"{etype}: {msg}")
    else:
        exc = PyexprError(f"{etype}: {msg}" if msg else etype)
    exc.pyexpr_type = etype  # type: ignore[attr-defined]
    exc.pyexpr_traceback = tb  # type: ignore[attr-defined]
    exc.pyexpr_stdout = r.stdout  # type: ignore[attr-defined]
    return exc


# --- the client ----------------------------------------------------------------
class Client:
    """A persistent connection to a pyexpr daemon.

    ``timeout`` bounds each socket operation (seconds; ``None`` waits forever).
    ``stdout``: where :meth:`eval`/:meth:`exec` write what the program
    printed (a text file; default: ``sys.stdout`` at call time).
    """

    def __init__(self, path: Optional[str] = None, *, timeout: Optional[float] = 60.0,
                 stdout=None) -> None:
        self.path = os.fspath(path) if path is not None else default_socket_path()
        self.timeout = timeout
        self.stdout = stdout
        self._sock: Optional[socket.socket] = None
        self._buf = bytearray()
        self._lock = threading.Lock()
        self._warned_globals = False

    # connection management
    def connect(self) -> "Client":
        if self._sock is None:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(self.timeout)
            try:
                s.connect(self.path)
            except (FileNotFoundError, ConnectionRefusedError) as e:
                s.close()
                raise DaemonUnavailable(f"no pyexpr daemon at {self.path}: {e.strerror}") from None
            except OSError:
                s.close()
                raise
            self._sock = s
            self._buf.clear()
        return self

    def close(self) -> None:
        s, self._sock = self._sock, None
        if s is not None:
            s.close()

    def __enter__(self) -> "Client":
        return self.connect()

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort
        try:
            self.close()
        except Exception:
            pass

    @property
    def connected(self) -> bool:
        return self._sock is not None

    # wire
    def _recv_exact(self, n: int) -> bytes:
        buf = self._buf
        while len(buf) < n:
            chunk = self._sock.recv(max(65536, n - len(buf)))  # type: ignore[union-attr]
            if not chunk:
                raise DaemonUnavailable("the daemon closed the connection")
            buf += chunk
        data = bytes(buf[:n])
        del buf[:n]
        return data

    def _salvage_response(self):
        """The response the daemon sent before closing, if one is readable."""
        try:
            self._sock.settimeout(1.0)  # type: ignore[union-attr]
            (n,) = _U32.unpack(self._recv_exact(4))
            if n < 8 or n > MAX_RESPONSE:
                return None
            return self._recv_exact(n)
        except (OSError, DaemonUnavailable, struct.error):
            return None

    def _roundtrip(self, frame: bytes) -> bytes:
        with self._lock:
            for attempt in (0, 1):
                fresh = self._sock is None
                self.connect()
                try:
                    try:
                        self._sock.sendall(frame)  # type: ignore[union-attr]
                    except (BrokenPipeError, ConnectionResetError):
                        # the daemon refused the frame (e.g. over its
                        # --max-frame) and closed: its answer says why
                        body = self._salvage_response()
                        if body is None:
                            raise
                        self.close()
                        return body
                    (n,) = _U32.unpack(self._recv_exact(4))
                    if n < 8 or n > MAX_RESPONSE:
                        raise ProtocolError(f"bad response length {n}")
                    return self._recv_exact(n)
                except (DaemonUnavailable, BrokenPipeError, ConnectionResetError) as e:
                    self.close()
                    # requests are side-effect free: retry once on a connection
                    # that broke between requests (daemon restarted, say)
                    if fresh or attempt:
                        raise DaemonUnavailable(str(e) or "connection to the daemon lost") from None
                except BaseException:
                    self.close()
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _parse(body: bytes) -> RunResult:
        mv = memoryview(body)
        if body[0] != MAGIC or body[1] != VERSION:
            raise ProtocolError("response with bad magic/version")
        status, exitc = body[2], body[3]
        (flags,) = _U32.unpack_from(mv, 4)
        pos = 8
        fields = []
        for _ in range(5):
            (n,) = _U32.unpack_from(mv, pos)
            pos += 4
            fields.append(body[pos : pos + n])
            pos += n
            if pos > len(body):
                raise ProtocolError("truncated response")
        out, err, rep, etype, emsg = fields
        value, has_value = None, False
        if flags & RS_VALUE:
            value, pos = _decode(mv, pos)
            has_value = True
        glob = None
        if flags & RS_GLOBALS:
            glob, pos = _decode_globals(mv, pos)
        return RunResult(
            status, exitc, out, err,
            rep.decode("utf-8", "surrogatepass") if flags & RS_REPR else None,
            etype.decode() if etype else None,
            emsg.decode("utf-8", "replace") if etype else None,
            value, has_value, glob,
        )

    def _simple(self, op: int, mode: int = 0) -> RunResult:
        r = self._parse(self._roundtrip(_HDR.pack(8, MAGIC, VERSION, op, mode, 0)))
        if r.status != ST_OK:
            raise ProtocolError(r.stderr.decode("utf-8", "replace").strip())
        return r

    # requests
    def run(self, source: str, names: Optional[Dict[str, Any]] = None, *, mode: str = "calc",
            echo: bool = False, want_value: bool = False, want_repr: bool = False,
            want_globals: bool = False, filename: str = "<string>",
            timeout: Optional[float] = None,
            max_memory: Optional[int] = None, max_steps: Optional[int] = None,
            max_depth: Optional[int] = None, session: Optional[str] = None) -> RunResult:
        """Run ``source`` and return the raw :class:`RunResult` (never raises for
        the program's own errors).

        ``mode``: "exec", "eval" or "calc" (the CLI's: the last expression's
        value is the result). ``echo``: append ``repr(result)`` + newline to
        stdout like the CLI. ``want_globals``: ask for the program's top-level
        variables (``RunResult.globals``; needs a daemon that knows the
        GLOBALS flag, docs/daemon.md). Limits tighten the daemon's (never
        loosen them): ``timeout`` seconds, ``max_memory`` bytes, ``max_steps``,
        ``max_depth``. ``session``: run with that session's globals (see
        :meth:`session`).
        """
        src = source.encode("utf-8") if isinstance(source, str) else bytes(source)
        fn = filename.encode("utf-8")
        flags = ((RQ_ECHO if echo else 0) | (RQ_VALUE if want_value else 0)
                 | (RQ_REPR if want_repr else 0) | (RQ_GLOBALS if want_globals else 0))
        tail = bytearray()
        if timeout is not None or max_memory is not None or max_steps is not None or max_depth is not None:
            flags |= RQ_LIMITS
            tms = 0 if timeout is None else max(1, min(int(timeout * 1000 + 0.5), 0xFFFFFFFF))
            tail += _LIMITS.pack(max_steps or 0, max_memory or 0, max_depth or 0, tms)
        if session is not None:
            sb = session.encode("utf-8")
            flags |= RQ_SESSION
            tail += _U32.pack(len(sb))
            tail += sb
        if names:
            flags |= RQ_NAMES
            tail += _U32.pack(len(names))
            for k, v in names.items():
                if not isinstance(k, str):
                    raise TypeError(f"names must be str, not {type(k).__name__}")
                kb = k.encode("utf-8")
                tail += _U32.pack(len(kb))
                tail += kb
                _encode(v, tail)
        try:
            m = MODES[mode]
        except KeyError:
            raise ValueError(f"mode must be 'exec', 'eval' or 'calc', not {mode!r}") from None
        n = 8 + 4 + len(fn) + 4 + len(src) + len(tail)
        frame = b"".join((_HDR.pack(n, MAGIC, VERSION, OP_RUN, m, flags), _U32.pack(len(fn)), fn,
                          _U32.pack(len(src)), src, tail))
        r = self._parse(self._roundtrip(frame))
        if r.status in (ST_BAD_REQUEST, ST_SERVER_ERROR, ST_UNAVAILABLE):
            raise ProtocolError(r.stderr.decode("utf-8", "replace").strip() or r.status_name)
        return r

    def _emit(self, r: RunResult) -> None:
        if r.stdout:
            out = self.stdout if self.stdout is not None else sys.stdout
            out.write(r.stdout.decode("utf-8", "replace"))

    def eval(self, source: str, names: Optional[Dict[str, Any]] = None, **limits: Any) -> Any:
        """Value of the expression ``source`` (like :func:`eval`).

        Results of types outside the typed encoding (e.g. ``range``) come back
        as :class:`Repr` strings. ``limits``: see :meth:`run`."""
        r = self.run(source, names, mode="eval", want_value=True, **limits)
        self._emit(r)
        if r.status != ST_OK:
            raise _exception_for(r)
        if r.has_value:
            return r.value
        return Repr(r.repr) if r.repr is not None else None

    def exec(self, source: str, names: Optional[Dict[str, Any]] = None, **limits: Any) -> dict:
        """Run the statements ``source``; like :func:`pyexpr.exec`, returns a
        new dict: a copy of ``names`` updated with the program's top-level
        variables (values without a value encoding are left out, a variable
        the program deletes is removed). ``names`` itself is not modified.

        A daemon that does not send variables back (older than the GLOBALS
        flag) gives a copy of ``names`` only, with a RuntimeWarning."""
        r = self.run(source, names, mode="exec", want_globals=True, **limits)
        self._emit(r)
        if r.status != ST_OK:
            raise _exception_for(r)
        d = dict(names) if names else {}
        if r.globals is None:
            if not self._warned_globals:
                self._warned_globals = True
                warnings.warn("this pyexpr daemon does not send variables back (no GLOBALS "
                              "support): Client.exec returns a copy of names only",
                              RuntimeWarning, stacklevel=2)
            return d
        for k, v in r.globals:
            if v is _ABSENT:
                d.pop(k, None)
            else:
                d[k] = v
        return d

    def session(self, session_id: Optional[str] = None) -> "Session":
        """A session of the daemon: its ``eval``/``exec``/``run`` keep the
        program's globals (functions, variables, imports) between calls, as
        at Python's prompt. ``session_id`` names it (any string of 1 to 128
        bytes; default: a new random one), so another Client can use the same
        session. ``with client.session() as s: ...`` drops it at the end."""
        if session_id is None:
            import uuid

            session_id = uuid.uuid4().hex
        return Session(self, session_id)

    def drop_session(self, session_id: str) -> bool:
        """Forget a session's globals; False when there was no such session."""
        import json

        sb = session_id.encode("utf-8")
        body = _U32.pack(len(sb)) + sb
        frame = _HDR.pack(8 + len(body), MAGIC, VERSION, OP_DROP_SESSION, 0, 0) + body
        r = self._parse(self._roundtrip(frame))
        if r.status != ST_OK:
            raise ProtocolError(r.stderr.decode("utf-8", "replace").strip() or r.status_name)
        return json.loads(r.stdout)["dropped"]

    def status(self) -> dict:
        """The daemon's statistics (the JSON of ``pyexpr --daemon-status --json``)."""
        import json

        return json.loads(self._simple(OP_STATUS, 0).stdout)

    def clear_cache(self) -> dict:
        """Empty the daemon's compile cache; returns what was dropped."""
        import json

        return json.loads(self._simple(OP_CLEAR_CACHE).stdout)

    def ping(self) -> dict:
        """{"pid": ..., "version": ..., ...} of the daemon."""
        import json

        return json.loads(self._simple(OP_PING).stdout)

    def stop_daemon(self) -> dict:
        """Ask the daemon to stop gracefully (it finishes in-flight requests)."""
        import json

        r = json.loads(self._simple(OP_STOP).stdout)
        self.close()
        return r


class Session:
    """A daemon session (:meth:`Client.session`): ``eval``, ``exec`` and
    ``run`` take the Client's arguments and share the session's globals."""

    def __init__(self, client: Client, session_id: str):
        self.client = client
        self.id = session_id

    def run(self, source: str, names: Optional[Dict[str, Any]] = None, **kw: Any) -> RunResult:
        return self.client.run(source, names, session=self.id, **kw)

    def eval(self, source: str, names: Optional[Dict[str, Any]] = None, **limits: Any) -> Any:
        return self.client.eval(source, names, session=self.id, **limits)

    def exec(self, source: str, names: Optional[Dict[str, Any]] = None, **limits: Any) -> dict:
        """Runs the statements; returns the session's global variables (those
        with a value encoding) after the run."""
        return self.client.exec(source, names, session=self.id, **limits)

    def drop(self) -> bool:
        return self.client.drop_session(self.id)

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.drop()
        except DaemonError:
            pass
