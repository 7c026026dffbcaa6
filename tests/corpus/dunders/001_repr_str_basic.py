# expect: ok
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "P(%r, %r)" % (self.x, self.y)
class Q(P):
    def __str__(self):
        return "<%s,%s>" % (self.x, self.y)
p = P(1, "a")
q = Q(2, 3.5)
print(p, q)
print(repr(p), repr(q), str(p), str(q))
print([p, q], (p,), {"k": q}, {p: 1})
print(f"{p} {q} {p!r} {q!r} {q!s}")
print("%s %r %s %r" % (p, p, q, q))
print("{} {!r} {}".format(p, q, q))
print(str([q]), repr([q]))
