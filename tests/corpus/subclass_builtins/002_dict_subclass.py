# expect: ok
class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)
d = AttrDict(a=1, b=2)
print(d.a, d["b"], d, len(d), sorted(d.keys()), type(d).__name__, isinstance(d, dict))
d["c"] = 3
print(d.c, d.get("z", 0), "c" in d, list(d.items()))
class Lower(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
lo = Lower()
lo["ABC"] = 1
print(lo, lo["aBc"])
