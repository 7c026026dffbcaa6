# expect: ok
class V:
    def __init__(self, v):
        self.v = v
    def __gt__(self, o):
        return self.v > o.v
    def __repr__(self):
        return "V(%d)" % self.v
vs = [V(2), V(9), V(4)]
print(max(vs), min(vs), sorted(vs), sorted(vs, reverse=True))
print(max(vs, key=lambda x: -x.v), min([V(1)], default=None), max([], default="empty"))
