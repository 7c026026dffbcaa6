# expect: TypeError: show requires at least 1 positional argument
from functools import total_ordering, cmp_to_key, cached_property, singledispatch

@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.n == other.n
    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.n < other.n
a, b = Version(1), Version(2)
print(a < b, a <= b, a > b, a >= b, a <= Version(1), a >= Version(1), b > a, Version.__gt__.__name__)
print(sorted([Version(3), Version(1), Version(2)], key=lambda v: v.n)[0].n, max([a, b]).n)

@total_ordering
class G:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __ge__(self, other):
        return self.n >= other.n
print(G(1) < G(2), G(2) <= G(2), G(3) > G(2), G(1) >= G(1))
try:
    a < 5
except TypeError as e:
    print(e)
try:
    @total_ordering
    class N:
        pass
except ValueError as e:
    print(e)

def numeric_compare(x, y):
    return x - y
print(sorted([5, 2, 4, 1, 3], key=cmp_to_key(numeric_compare)))
print(sorted(['bb', 'a', 'ccc'], key=cmp_to_key(lambda x, y: len(y) - len(x))))
K = cmp_to_key(numeric_compare)
print(K(1) < K(2), K(2) == K(2), K(3) >= K(4))

class Data:
    def __init__(self, xs):
        self.xs = xs
        self.calls = 0
    @cached_property
    def total(self):
        self.calls += 1
        return sum(self.xs)
d = Data([1, 2, 3])
print(d.total, d.total, d.calls, 'total' in d.__dict__)
del d.total
print(d.total, d.calls, type(Data.total).__name__)

@singledispatch
def show(arg):
    return 'default: ' + repr(arg)
@show.register(int)
def _(arg):
    return 'int: ' + str(arg)
def show_list(arg):
    return 'list of ' + str(len(arg))
show.register(list, show_list)
class MyInt(int):
    pass
print(show('x'), show(5), show([1, 2]), show(True), show(MyInt(3)), show(2.5))
print(show.dispatch(int) is show.registry[int], show.dispatch(str) is show.registry[object])
print(show())
