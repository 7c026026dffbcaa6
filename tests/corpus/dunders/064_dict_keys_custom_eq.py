# expect: ok
class K:
    def __init__(self, name):
        self.name = name
    def __eq__(self, o):
        return isinstance(o, K) and o.name.lower() == self.name.lower()
    def __hash__(self):
        return hash(self.name.lower())
    def __repr__(self):
        return "K(%r)" % self.name
d = {K("a"): 1, K("B"): 2}
d[K("A")] = 3
print(d, K("b") in d, d.get(K("C"), "none"), len({K("x"), K("X"), K("y")}))
print(sorted(d.values()), list(d) == [K("a"), K("b")], d.pop(K("b")), d)
