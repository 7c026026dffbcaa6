# expect: ok
# Instance attributes stored in the per-class layout (shared keys): every
# way an instance can leave the class's usual attribute order must keep the
# __dict__ identical to CPython's (same items, same insertion order).


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = P(1, 2)
b = P(3, 4)
print(a.x, a.y, b.x, b.y, vars(a), b.__dict__)

# another order than the key table's
class Q:
    def __init__(self, flip):
        if flip:
            self.b = 1
            self.a = 2
        else:
            self.a = 3
            self.b = 4


q1, q2, q3 = Q(False), Q(True), Q(False)
print(q1.__dict__, q2.__dict__, q3.__dict__, q2.a, q2.b)

# more attributes than the first instances reserve
class Many:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "f%d" % i, i)


ms = [Many(n) for n in (3, 12, 7, 20, 12, 1, 0)]
for m in ms:
    print(len(vars(m)), list(vars(m))[-2:], sum(vars(m).values()))
print(ms[1].f11, ms[3].f19, hasattr(ms[5], "f1"), getattr(ms[6], "f0", "none"))

# __dict__ is a live view: writes either way stay in sync
p = P(5, 6)
d = p.__dict__
d["z"] = 7
p.w = 8
print(p.z, d["w"], d, p.__dict__ is d)
del p.x
print(d, hasattr(p, "x"))
d.clear()
print(vars(p), hasattr(p, "y"))
p.x = 1
print(d)

# deletes, re-adds, overwrites
r = P(1, 2)
r.x = 10
del r.y
r.y = 20
r.y += 1
print(r.__dict__)
s = P(1, 2)
del s.x
print(s.__dict__)
try:
    del s.x
except AttributeError as e:
    print(e)
try:
    print(P(1, 2).nope)
except AttributeError as e:
    print(e)

# an instance attribute shadowing a method; class attributes below
class M:
    k = "class"

    def meth(self):
        return "method"


m = M()
print(m.k, m.meth())
m.k = "inst"
m.meth = lambda: "shadow"
print(m.k, m.meth(), M.k, M().meth(), sorted(vars(m)))

# names built at run time, dir(), str subclasses of names are just names
n = P(0, 0)
setattr(n, "x" + "", 9)
setattr(n, "".join(["y"]), 8)
setattr(n, "new" + "name", 7)
print(n.x, n.y, n.newname, vars(n), [k for k in dir(n) if not k.startswith("__")])

# properties and data descriptors take precedence; __slots__ with __dict__
class Prop:
    def __init__(self):
        self.v = 1
        self._p = 2

    @property
    def p(self):
        return self._p * 10


pr = Prop()
print(pr.v, pr.p, vars(pr))
try:
    pr.p = 5
except AttributeError as e:
    print(e)


class Sl:
    __slots__ = ("a", "__dict__")

    def __init__(self):
        self.a = 1
        self.b = 2


sl = Sl()
print(sl.a, sl.b, sl.__dict__)

# subclasses keep their own layouts
class P3(P):
    def __init__(self, x, y, z):
        self.z = z
        super().__init__(x, y)


t = P3(1, 2, 3)
print(vars(t), vars(P(7, 8)), vars(P3(4, 5, 6)))

# values survive in containers and cycles
class Node:
    def __init__(self, v):
        self.v = v
        self.next = None


x = Node(1)
x.next = Node(2)
x.next.next = x
print(x.next.next.v, x.next.v)
print(vars(x)["v"], x.__dict__["next"].v)
