# expect: ok
# set/frozenset/dict-view predicates and updates (issuperset, isdisjoint, update, ...)
class S(set):
    def __contains__(self, x): return False
s = {1, 2, 3}; f = frozenset([2, 3, 4])
print(s.issuperset([1, 2]), s.issuperset([5]), s.isdisjoint([7, 8]), s.isdisjoint(iter([3])), s.issubset(range(5)))
print(S([1]).issuperset([1]), S([1]).isdisjoint([1]), s.issuperset(S([1])))
d = {1: 2, 3: 4}
print(d.keys().isdisjoint([1]), d.keys().isdisjoint({9}), d.items().isdisjoint([(1, 2)]), d.keys() <= {1, 3, 5}, d.keys() == {1, 3})
x = set(s); x.update([9], (10,)); x.difference_update([1], {2}); print(sorted(x))
x.symmetric_difference_update([3, 11]); print(sorted(x), s.union([1], [44]), f.union(s), s - f, s ^ f, s & f, s | f, f.copy() is f)
print(s.difference(), s.difference([1], [2]), f.intersection(s, [3]), s.copy())
for bad in ([[1]], 5):
    for m in ('issuperset', 'isdisjoint', 'update', 'difference_update'):
        try: print(getattr(set(s), m)(bad))
        except Exception as e: print(type(e).__name__, e)
try: s.issubset()
except TypeError as e: print(e)
try: f.isdisjoint(1, 2)
except TypeError as e: print(e)
s.discard({1}); s.discard(2); print(s, {1} in s, frozenset() in {frozenset()}, set() in {frozenset()})
y = {frozenset()}; y.discard(set()); print(y); y.add(1); y.remove(1); print(y)
try: set().remove([1])
except TypeError as e: print(e)
