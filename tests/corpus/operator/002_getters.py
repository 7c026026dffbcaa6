# expect: IndexError: list index out of range
from operator import itemgetter, attrgetter, methodcaller

for bad in [lambda: itemgetter(), lambda: attrgetter(), lambda: attrgetter('a')(1), lambda: attrgetter('a', 2),
            lambda: methodcaller('nope')(1), lambda: itemgetter('k')({})]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(type(itemgetter(1)).__name__, type(attrgetter('a')), type(itemgetter(1, 2)).__name__,
      isinstance(itemgetter(1), itemgetter), isinstance(attrgetter('x'), attrgetter))
print(attrgetter('real')(5), attrgetter('a.b'), attrgetter('real', 'imag')(3), itemgetter(-1)('xyz'))
class N:
    pass
n = N()
n.child = N()
n.child.val = 7
n.val = 1
print(attrgetter('child.val')(n), attrgetter('val', 'child.val')(n), sorted([n.child, n], key=attrgetter('val'))[0] is n)
print(methodcaller('count', 'a')('banana'), repr(methodcaller('f')), repr(methodcaller('g', 1, 'x', k=[1])))
data = {'b': 2, 'a': 1, 'c': 3}
print(sorted(data.items(), key=itemgetter(1), reverse=True), min(data.items(), key=itemgetter(0)))
print(list(map(itemgetter(0, -1), ['abc', 'xyz'])), itemgetter(slice(None, None, -1))([1, 2, 3]))
print(itemgetter(5)([1]))
