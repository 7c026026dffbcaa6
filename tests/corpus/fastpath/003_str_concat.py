# expect: TypeError: can only concatenate str (not "int") to str
# String building: in-place appends to an accumulator, exact-size
# temporaries (str(i) + ","), shared strings, non-ASCII text, str
# subclasses, globals, and the error of a non-str operand.
def build(n):
    s = ""
    for i in range(n):
        s += str(i % 7) + ","
    return s


s = build(300)
print(len(s), s[:20], s[-10:], s.count("3"), hash(s) == hash(build(300)))
t = ""
for i in range(100):
    t = t + chr(0xe9 + i % 3) + str(i)
print(len(t), t[:12], t[-8:], t.encode()[:10])
parts = []
for i in range(50):
    p = str(i) + "-" + "x" * (i % 5)
    parts.append(p)
print(parts[:6], len("".join(parts)))
a = "abc"
b = a
a += "def"
print(a, b, a is b)
c = "q"
for i in range(40):
    c += c[:1] + "é"
print(len(c), c[:5], c[-4:])
g = ""
for i in range(70):
    g += "é" if i % 2 else "e"
print(len(g), len(g.encode()), g[60:])


class S(str):
    pass


u = S("sub")
u += "x"
print(u, type(u).__name__)
w = "w"
w += S("y")
print(w, type(w).__name__)
z = "self"
z += z
print(z)
d = {}
k = ""
for i in range(30):
    k += str(i)
    d[k] = i
print(len(d), d["0123"], max(d, key=len)[-6:])
big = ""
for i in range(3000):
    big += "ab" + str(i)
print(len(big), big[-12:], big[5000:5010])
m = "end"
m += 1
