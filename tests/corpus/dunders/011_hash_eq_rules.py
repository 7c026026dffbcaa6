# expect: ok
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 3
    def __eq__(self, o):
        return isinstance(o, H) and self.v == o.v
    def __repr__(self):
        return "H(%d)" % self.v
s = {H(1), H(4), H(1)}
print(len(s), sorted(s, key=lambda h: h.v))
d = {H(2): "two"}
print(d[H(2)], H(2) in d, H(5) in d, hash(H(7)))
class N:
    pass
print(hash(N()) == hash(N()), N() == N())
n = N()
print(hash(n) == hash(n), {n: 1}[n])
class Big:
    def __hash__(self):
        return 2**70
print(hash(Big()) == hash(2**70))
class M1:
    def __hash__(self):
        return -1
print(hash(M1()))
