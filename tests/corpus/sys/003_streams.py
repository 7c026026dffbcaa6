# expect: ok
# sys.stdout.write / flush and print(file=...) (stderr: tests/test_sys.py)
import sys
n = sys.stdout.write("hello\n")
print(n, sys.stdout.write("h\u00e9\u20ac\U0001f600"), sys.stdout.write(""))
print("to stdout", 1, file=sys.stdout)
print("a", "b", sep="-", end="!\n", file=sys.stdout, flush=True)
print(sys.stdout.flush(), sys.stderr.flush())
print(sys.stdout)
print(sys.stderr)
print("x", file=None)
w = sys.stdout.write
w("bound method\n")
for bad in (lambda: sys.stdout.write(5), lambda: sys.stdout.write(), lambda: sys.stdout.write("a", "b"),
            lambda: sys.stdout.flush(1), lambda: sys.stdout.write(s="x")):
    try:
        bad()
    except TypeError as e:
        print(e)
try:
    sys.stdout.nope
except AttributeError as e:
    print(e)
