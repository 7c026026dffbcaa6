# expect: ok
# f(**m) and {**m}: dicts and keys()/[] mappings merged key by key, a key given twice refused with CPython's message.
import collections
def f(*a, **k):
    return a, sorted(k.items())
class M:
    def __init__(self, d): self.d = d
    def keys(self): return list(self.d)
    def __getitem__(self, k): return self.d[k]
print(f(**{"a": 1}, **{"b": 2}))
print(f(1, x=2, **M({"y": 3, "z": 4})))
print(f(**collections.OrderedDict(p=1), **collections.ChainMap({"q": 2})))
for call in (lambda: f(a=1, **{"a": 2}), lambda: f(**{"a": 1}, **M({"a": 2})), lambda: f(**M({"b": 1, "c": 2}), c=3),
             lambda: f(**[1]), lambda: f(*1), lambda: print(**{"sep": "", "end": "\n", "sep": "-"}),
             lambda: dict(**{"a": 1}, a=2), lambda: f(**{1: 2}), lambda: max(**{"key": 1}, **{"key": 2})):
    try:
        print(call())
    except TypeError as e:
        print(e)
d = {"k": 1}
d.update(M({"m": 2}))
d.update([("n", 3)])
print(d, {**d, **M({"k": 9})})
