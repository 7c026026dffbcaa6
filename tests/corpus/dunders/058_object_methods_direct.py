# expect: ok
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __hash__(self):
        return hash(self.v)
    def __lt__(self, o):
        return self.v < o.v
p, q = P(1), P(2)
print(p.__eq__(q), p.__lt__(q), p.__hash__() == hash(1), P.__eq__(p, p))
print(p.__ne__(q), object.__eq__(p, p), object.__eq__(p, q))
print(p.__gt__(q))
