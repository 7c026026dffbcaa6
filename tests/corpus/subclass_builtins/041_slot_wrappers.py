# expect: ok
# slot wrappers reached through super() and type.__dunder__(obj, ...): get/set/del item, repr/str, unary/binary, arity errors
class L(list):
    def __getitem__(self, i): return super().__getitem__(i) * 10
    def __setitem__(self, i, v): super().__setitem__(i, v + 1)
    def __delitem__(self, i): super().__delitem__(i)
    def __repr__(self): return "L" + super().__repr__()
    def __str__(self): return "s" + super().__str__()
l = L([1, 2, 3]); l[0] = 5; del l[1]
print(l[0], repr(l), str(l), list.__len__(l), l.__contains__(3), list(iter(l)), object.__repr__(1.5)[:5], object.__str__(7), object.__format__(5, ""))
print(int.__neg__(5), int.__abs__(-3), float.__bool__(0.0), int.__float__(2), float.__int__(2.7), int.__add__(1, 2), int.__radd__(1, 2))
for f in (
          lambda: list.__delitem__([1]), lambda: list.__repr__([], 1),
          lambda: object.__format__(5, 1), lambda: object.__format__(object(), "x"), lambda: next(iter([]).__iter__())):
    try: print(f())
    except (TypeError, StopIteration) as e: print(type(e).__name__, e)
