"""In-memory text and binary streams: StringIO and BytesIO (CPython 3.11's
io surface for them; no files: pyexpr scripts cannot open any)."""

__all__ = ["StringIO", "BytesIO", "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class UnsupportedOperation(OSError):
    # CPython's derives from ValueError too; pyexpr classes take one
    # built-in exception base
    pass


UnsupportedOperation.__module__ = "io"


class _Stream:
    # Shared by StringIO and BytesIO: self._buf is the whole value (str or
    # bytes), self._tail the pieces written at the end since it was last
    # joined (so a run of writes costs linear time), self._pos the position.

    def _join(self):
        if self._tail:
            self._buf = self._buf + self._empty.join(self._tail)
            self._tail = []

    def _check(self):
        if self._closed:
            raise ValueError(self._closed_msg)

    def _size(self, size, name):
        if size is None:
            return -1
        if not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        return size

    def getvalue(self):
        self._check()
        self._join()
        return self._buf

    def _read(self, size, name, line):
        """read() / readline(): up to size items (all if negative) from the
        position, with line up to and including the next newline only."""
        self._check()
        size = self._size(size, name)
        self._join()
        buf = self._buf
        start = min(self._pos, len(buf))
        end = len(buf)
        if line:
            i = buf.find(self._nl, start)
            if i >= 0:
                end = i + 1
        if size >= 0:
            end = min(end, start + size)
        self._pos = max(self._pos, end)
        return buf[start:end]

    def read(self, size=-1):
        return self._read(size, "read", False)

    def readline(self, size=-1):
        return self._read(size, "readline", True)

    def readlines(self, hint=-1):
        self._check()
        hint = self._size(hint, "readlines")
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def write(self, s):
        self._check()
        s = self._accept(s)
        n = len(s)
        if not n:
            return 0
        pos = self._pos
        if pos == self._len():
            self._tail.append(s)
        else:
            self._join()
            buf = self._buf
            if pos > len(buf):
                buf = buf + self._pad * (pos - len(buf))
            self._buf = buf[:pos] + s + buf[pos + n:]
        self._pos = pos + n
        return n

    def writelines(self, lines):
        self._check()
        for line in lines:
            self.write(line)

    def _len(self):
        n = len(self._buf)
        for piece in self._tail:
            n += len(piece)
        return n

    def seek(self, pos, whence=0):
        self._check()
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(pos).__name__)
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos if self._binary
                                 else "Negative seek position %d" % pos)
            self._pos = pos
        elif whence == 1:
            if self._binary:
                self._pos = max(0, self._pos + pos)
            else:
                if pos != 0:
                    raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if self._binary:
                self._pos = max(0, self._len() + pos)
            else:
                if pos != 0:
                    raise OSError("Can't do nonzero end-relative seeks")
                self._pos = self._len()
        else:
            raise ValueError("%s whence (%d, should be 0, 1 or 2)"
                             % ("invalid" if self._binary else "Invalid", whence))
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        elif not isinstance(size, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(size).__name__)
        elif size < 0:
            raise ValueError("Negative size value %d" % size)
        self._join()
        self._buf = self._buf[:size]
        return size

    def close(self):
        self._closed = True

    @property
    def closed(self):
        return self._closed

    def readable(self):
        self._check()
        return True

    writable = seekable = readable  # all three: True while open

    def isatty(self):
        self._check()
        return False

    def flush(self):
        self._check()

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()


class StringIO(_Stream):
    _empty = ""
    _pad = "\0"
    _nl = "\n"
    _binary = False
    _closed_msg = "I/O operation on closed file"

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s" % type(initial_value).__name__)
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        self._newline = newline
        self._closed = False
        self._tail = []
        self._buf = self._translate(initial_value)
        self._pos = 0

    def _translate(self, s):
        nl = self._newline
        if nl is None:
            return s.replace("\r\n", "\n").replace("\r", "\n")
        if nl in ("\r", "\r\n"):
            return s.replace("\n", nl)
        return s

    def _accept(self, s):
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        return self._translate(s)

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        return None

    def __repr__(self):
        return "<_io.StringIO object at 0x%x>" % id(self)


class BytesIO(_Stream):
    _empty = b""
    _pad = b"\0"
    _nl = b"\n"
    _binary = True
    _closed_msg = "I/O operation on closed file."

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        if isinstance(initial_bytes, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        self._closed = False
        self._tail = []
        self._buf = bytes(initial_bytes)
        self._pos = 0

    def _accept(self, b):
        if isinstance(b, (bytes, bytearray)):
            return bytes(b)
        raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__)

    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def __repr__(self):
        return "<_io.BytesIO object at 0x%x>" % id(self)


StringIO.__module__ = "_io"
BytesIO.__module__ = "_io"
