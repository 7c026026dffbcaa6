# expect: ok
class M:
    def keys(self): return ['a', 'b']
    def __getitem__(self, k): return k * 2
def f(**kw): return sorted(kw.items())
print(f(**M()), {**M(), 'c': 1})
try:
    f(a=1, **M())
except TypeError as e:
    print(e)
try:
    f(**5)
except TypeError as e:
    print(e)
try:
    {**5}
except TypeError as e:
    print(e)
class N:
    def keys(self): return [1]
    def __getitem__(self, k): return k
try:
    f(**N())
except TypeError as e:
    print(e)
def g(**kw): pass
try:
    g(a=1, **{"a": 2})
except TypeError as e: print(e)
try:
    g(**5)
except TypeError as e: print(e)
try:
    print(**5)
except TypeError as e: print(e)
try:
    len(**5)
except TypeError as e: print(e)
class A:
    def m(self, **k): pass
try:
    A().m(**5)
except TypeError as e: print(e)
try:
    (lambda **k: 0)(**5)
except TypeError as e: print(e)
class A:
    def __init__(self, **k): pass
for f in [print, len, [].append, A, dict, A().__init__, lambda **k: 0]:
    try:
        f(**5)
    except TypeError as e: print(e)
    try:
        f(*5)
    except TypeError as e: print(e)
def h(*a, **k):
    return a, sorted(k.items())
print(h(*(1, 2)), h(*[3]), h(*"ab", x=1), h(*range(3), **{"y": 2}), h(*iter([4, 5])))
try:
    h(1, *5)
except TypeError as e:
    print(e)
try:
    h(*5, x=1)
except TypeError as e:
    print(e)
