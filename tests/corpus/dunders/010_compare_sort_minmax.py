# expect: ok
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return "V%d" % self.v
xs = [V(3), V(1), V(2)]
print(sorted(xs), min(xs), max(xs))
xs.sort(reverse=True)
print(xs)
print(V(1) > V(0), V(0) > V(1))
