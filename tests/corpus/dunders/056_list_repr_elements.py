# expect: ok
class E:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "E" + str(self.n)
    def __eq__(self, o):
        return isinstance(o, E) and o.n == self.n
    def __hash__(self):
        return self.n
l = [E(1), E(2)]
print(l, l.index(E(2)), l.count(E(1)), E(1) in l, (E(1), E(2)) == (E(1), E(2)))
l.remove(E(1))
print(l, {E(1): [E(2)]}, {E(3)}, frozenset([E(4)]))
print(sorted({E(1): 1, E(1): 2}.items(), key=lambda kv: kv[1]))
