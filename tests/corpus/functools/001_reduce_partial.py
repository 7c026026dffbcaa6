# expect: TypeError: reduce() of empty iterable with no initial value
from functools import reduce, partial, partialmethod
import functools
import operator

print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 1), reduce(operator.add, [], 7))
print(reduce(lambda acc, x: acc + [x * 2], [1, 2], []), reduce(max, [3, 9, 2]), reduce(operator.add, ['a']))
def power(base, exp, *, mod=None):
    return pow(base, exp, mod)
square = partial(power, exp=2)
print(square(5), square(5, exp=3), square.func is power, square.args, square.keywords)
p2 = partial(power, 2)
print(p2(10), p2(10, mod=1000), partial(p2, 3).args, partial(p2, 3).func is power, partial(p2, mod=7)(5))
basetwo = partial(int, base=2)
print(basetwo('10010'), repr(partial(int, base=2)), repr(partial(max, 1, 2, key=abs)))
print(list(map(partial(operator.mul, 3), [1, 2, 3])))
class Cell:
    def __init__(self):
        self._alive = False
    def set_state(self, state):
        self._alive = bool(state)
    set_alive = partialmethod(set_state, True)
c = Cell()
c.set_alive()
print(c._alive)
for bad in [lambda: reduce(operator.add, []), lambda: reduce(operator.add), lambda: reduce(operator.add, 5),
            lambda: partial(), lambda: partial(5), lambda: reduce(1, 2, 3, 4)]:
    try:
        bad()
        print('no error')
    except TypeError as e:
        print(type(e).__name__, e)
print(reduce(lambda a, b: a + b, []))
