# expect: ok
class D(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.extra = "e"
d = D([("a", 1)], b=2)
print(d, d.extra, sorted(d))
class Defaulting(dict):
    def __init__(self, default):
        super().__init__()
        self.default = default
    def __missing__(self, k):
        return self.default
dd = Defaulting(0)
print(dd["x"], dd, len(dd))
