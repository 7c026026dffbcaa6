# expect: TypeError: 'int' object is not iterable
from collections import Counter

c = Counter('abracadabra')
print(c)
print(c['a'], c['z'], 'z' in c, len(c))
print(c.most_common(), c.most_common(2), c.most_common(0), c.most_common(-1))
print(sorted(c.elements()))
print(c.total())
c.update('aaz')
print(c)
c.update({'b': 5, 'q': 1})
print(c)
c.subtract('aaaa')
print(c)
c.subtract({'z': 3})
print(c)
c.update(x=2)
c.subtract(y=1)
print(c)
print(+c)
print(-c)
a = Counter(a=3, b=1, c=-2)
b = Counter(a=1, b=2, d=4)
print(a + b, a - b, a | b, a & b)
print(a == b, a != b, Counter(a=1) == Counter(a=1, b=0), Counter(a=1) <= Counter(a=2), Counter(a=1) < Counter(a=1))
print(Counter(a=2) > Counter(a=1), Counter(a=1) >= Counter(a=1, b=1))
d = a.copy()
d += b
print(d)
d = a.copy()
d -= b
print(d)
d = a.copy()
d |= b
print(d)
d = a.copy()
d &= b
print(d)
print(Counter(), repr(Counter()), Counter({}))
del c['a']
del c['nothere']
print(c)
print(isinstance(c, dict), type(c).__name__, type(c))
print(Counter(['x', 'y', 'x']), Counter({'a': 1, 'b': 3}))
print(Counter(a=1, b=None) if False else 'skip')
words = "the quick brown fox jumps over the lazy dog the end".split()
cnt = Counter()
for w in words:
    cnt[w] += 1
print(cnt.most_common(3))
print(list(cnt.keys())[:3], sum(cnt.values()))
print(dict(Counter('aab')))
print(Counter('aab') == {'a': 2, 'b': 1})
class MyCounter(Counter):
    pass
m = MyCounter('aab')
print(m, MyCounter())
print(Counter(a=1.5, b=0.5))
for bad in (lambda: Counter('ab') + 1, lambda: Counter.fromkeys('abc'),
            lambda: Counter() < {}, lambda: -Counter(a='x')):
    try:
        bad()
    except (TypeError, NotImplementedError) as e:
        print(type(e).__name__, e)
print(Counter(1))
