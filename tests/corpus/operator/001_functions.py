# expect: ZeroDivisionError: division by zero
import operator
from operator import itemgetter, attrgetter, methodcaller

o = operator
print(o.add(1, 2), o.sub(5, 3), o.mul(3, 4), o.truediv(7, 2), o.floordiv(7, 2), o.mod(7, 3), o.pow(2, 10))
print(o.lshift(1, 4), o.rshift(32, 2), o.and_(12, 10), o.or_(12, 10), o.xor(12, 10), o.neg(5), o.pos(-5), o.inv(5), o.invert(0))
print(o.lt(1, 2), o.le(2, 2), o.eq(1, 1), o.ne(1, 1), o.ge(1, 2), o.gt(3, 2), o.not_(0), o.truth([]), o.is_(None, None), o.is_not(1, None))
print(o.abs(-3), o.index(7), o.concat([1], [2]), o.concat('a', 'b'), o.contains([1, 2], 2), o.countOf([1, 2, 1], 1), o.indexOf('abc', 'c'))
d = {'a': 1}
o.setitem(d, 'b', 2)
print(o.getitem(d, 'b'), d)
o.delitem(d, 'a')
print(d, o.getitem([1, 2, 3], slice(1, None)))
l = [1]
print(o.iadd(l, [2]), l, o.iadd(1, 2), o.isub(5, 1), o.imul(2, 3), o.itruediv(1, 2), o.ifloordiv(7, 2), o.imod(7, 4), o.ipow(2, 3))
print(o.ilshift(1, 2), o.irshift(8, 1), o.iand(6, 3), o.ior(6, 3), o.ixor(6, 3), o.iconcat([1], (2,)))
print(o.length_hint([1, 2]), o.length_hint(type('H', (), {'__length_hint__': lambda self: 3})()), o.length_hint(5, 9), o.call(len, 'abc'))
print(o.__add__(1, 1), o.__lt__(1, 2), o.__not__(1), o.__getitem__('ab', 1), o.__and__(3, 1))
ig = itemgetter(1)
print(ig, ig([5, 6]), itemgetter(0, 2)('abc'), itemgetter('k')({'k': 'v'}), itemgetter(slice(1))('xyz'))
print(sorted([('b', 2), ('a', 3), ('c', 1)], key=itemgetter(1)), max([(1, 'z'), (2, 'a')], key=itemgetter(1)))
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.me = self
    def dist(self, scale=1, *, off=0):
        return (self.x + self.y) * scale + off
p = P(1, 2)
print(attrgetter('x')(p), attrgetter('x', 'y')(p), attrgetter('me.me.y')(p), attrgetter('x', 'me.x'))
mc = methodcaller('dist', 10, off=1)
print(mc(p), mc, methodcaller('upper')('abc'), methodcaller('split', ',', maxsplit=1)('a,b,c'))
print(sorted(['b', 'A', 'c'], key=methodcaller('lower')), list(map(itemgetter(0), ['ab', 'cd'])))
for bad in [lambda: o.concat(1, 2), lambda: o.indexOf([1], 2), lambda: attrgetter(1), lambda: methodcaller(1),
            lambda: attrgetter('nope')(p), lambda: itemgetter(5)([1]), lambda: o.index(1.5),
            lambda: itemgetter(0, 9)([1])]:
    try:
        bad()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)
print(o.truediv(1, 0))
