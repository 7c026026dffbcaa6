# expect: NameError: name 'hidden' is not defined
g = "global"
def outer():
    free = "free var"
    class K:
        a = free
        def m(self):
            return free, __class__.__name__
        def n(self):
            def inner():
                return free + "!", __class__
            return inner()
    return K
K = outer()
print(K.a, K().m(), K().n()[0], K().n()[1] is K)
class G:
    global g2
    g2 = "set from class"
    x = g
print(g2, G.x, hasattr(G, "g2"))
def counter():
    n = 0
    class C:
        def inc(self):
            nonlocal n
            n += 1
            return n
    return C()
c = counter()
print(c.inc(), c.inc())
class Comp:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    first = vals[0]
print(Comp.doubled, Comp.first)
class Lam:
    k = 10
    f = lambda self: self.k
print(Lam().f())
class Rec:
    def fact(self, n):
        return 1 if n <= 1 else n * self.fact(n - 1)
print(Rec().fact(20))
class Hidden:
    hidden = 1
    items = [hidden for _ in range(2)]
