# expect: ok
# StringIO/BytesIO read() and readline() windows (size, newline, past the end) and the open checks.
import io
for cls, d, nl in ((io.StringIO, "ab\ncd\nef", "\n"), (io.BytesIO, b"ab\ncd\nef", b"\n")):
    s = cls(d)
    print(s.readline(1), s.readline(), s.read(1), s.readline(10), s.read(-1), s.read(), s.readline())
    s.seek(0)
    print(s.read(None), s.readable(), s.writable(), s.seekable())
    s.close()
    for f in (s.readable, s.writable, s.seekable):
        try:
            f()
        except ValueError as e:
            print(e)
    try:
        cls().read("x")
    except TypeError as e:
        print(e)
