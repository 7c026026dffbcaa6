# expect: ValueError: math domain error
# Calls the VM shortens: math functions through the per-state cache of
# static modules (LOAD_METHOD), built-in functions called straight (CALL),
# str methods' argument checks, str lengths of fresh non-ASCII strings,
# str.split/strip on Unicode whitespace, float ** int with negative bases.
import math
import math as m
import sys

acc = 0.0
for i in range(1, 200):
    acc += math.sqrt(i) + m.floor(i / 3) + math.fabs(-i) + math.sqrt(float(i))
print(acc, math.sqrt(2), m.sqrt(9), math.pi, math.e, math.inf)
f = math.sqrt
print(f(16), math.floor, m.floor is math.floor, sys.getrecursionlimit() > 0)
def attempt(fn, *args, **kw):
    try:
        print(fn(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)


for args in [(), (1, 2), ("x",), (-1,)]:
    attempt(math.sqrt, *args)
for name in ["sqrt", "floor", "nope"]:
    attempt(lambda: getattr(math, name)(4.0))
attempt(math.sqrt, x=4)
attempt(lambda: math.nope(1))
print(abs(-3), abs(-2.5), len("abc"), min(3, 1, 2), max([4, 9]), abs(True))
attempt(lambda: len(5))
attempt(lambda: abs("x"))

s = "  Alpha, beta; GAMMA  "
print(s.replace(",", " ").replace(";", " ", 1), s.strip(), s.strip(" A"), s.lstrip(), s.rstrip())
for call in [lambda: s.replace(","), lambda: s.replace(",", " ", 1, 2), lambda: s.strip("a", "b"),
             lambda: s.replace(old=",", new=" "), lambda: s.strip(chars=" "),
             lambda: s.replace(1, 2), lambda: s.center(), lambda: s.center(30, "*", 1)]:
    attempt(call)
for t in ["é" * k + "a" * j for k in range(0, 10, 3) for j in range(0, 18, 5)] + \
         ["€uro" * 5, "😀" * 9, "a😀b" * 3, "ascii only text of some length!"]:
    u = t.upper().replace("A", "ä")
    print(len(t), len(u), len(t + u), len(u[3:]), u[-3:], t.lower() == t)
w = "a\u3000b\x1cc\x1fd\u2028e\xa0f\u0085g  h\ti\nj\x0bk\x0cl\rm"
print(w.split(), len(w.split()), w.strip("am"), ("\u3000 x \u2003").strip(), "\x1c\x1d".isspace())

print([(-2.5) ** k for k in range(-4, 6)], (-1.5) ** -3, (-2.0) ** 2.0, (-2.0) ** 3.0)
print((-1.0) ** 9007199254740993.0, (-0.999) ** 9007199254740992.0, (-1.0) ** 5, (-0.5) ** 7)
for base, e in [(-1e200, 3), (-1e200, 2), (-10.0, 400), (-10.0, 401), (-2.0, 9007199254740993.0), (-2.0, 1e300)]:
    attempt(pow, base, e)
    attempt(lambda: base ** e)
x = math.sqrt(-1.0)
