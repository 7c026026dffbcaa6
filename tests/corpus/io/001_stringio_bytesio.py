# expect: ok
import io
s = io.StringIO()
print(s.write("hello\n"), s.write("world\n"))
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read()), repr(s.read()))
print(list(io.StringIO("a\nb\nc")))
s = io.StringIO("abcdef")
s.seek(3); s.write("XY"); print(s.getvalue())
s.seek(10); s.write("Z"); print(repr(s.getvalue()))
print(s.truncate(4), repr(s.getvalue()))
with io.StringIO("x") as f:
    print(f.read(), f.closed)
print(f.closed)
try:
    f.read()
except ValueError as e:
    print(e)
try:
    io.StringIO().write(5)
except TypeError as e:
    print(e)
b = io.BytesIO(b"foobar")
print(b.read(3), b.tell(), b.read(), b.getvalue())
b.seek(10); print(b.read(10)); b.write(b"!"); print(b.getvalue())
try:
    b.write("s")
except TypeError as e:
    print(e)
out = io.StringIO()
print("a", 1, [2], sep=",", file=out)
print(out.getvalue(), end="")
print(type(out), type(b).__name__, io.StringIO.__module__)
print(s.readable(), s.writable(), s.seekable(), io.StringIO("a\nb").readlines())
try:
    io.StringIO().seek(-1)
except ValueError as e:
    print(e)
try:
    io.StringIO("ab").seek(1, 1)
except OSError as e:
    print(e)
b = io.BytesIO(b"hello world")
buf = bytearray(5)
print(b.readinto(buf), buf, b.read1(3))
s = io.StringIO("line1\nline2\nline3\n")
for i, line in enumerate(s):
    print(i, repr(line))
s = io.StringIO()
s.writelines(["a", "b", "c"])
print(s.getvalue(), s.tell(), s.seek(0, 2), s.seek(1))
print(io.StringIO("a\r\nb", newline=None).getvalue().split("\n"))
