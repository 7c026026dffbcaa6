# expect: ok
# dir() of built-in objects, types and the math/sys modules: CPython 3.11's
# lists (dir(None) once gave the builtins namespace).
import math, sys
for v in [5, 2.5, 'abc', b'x', [], (), {}, set(), frozenset(), None, True, range(3), len, [].append, int, list, str, type, object, ValueError('x'), KeyError, slice(1), iter([]), math]:
    d = dir(v)
    print(type(v).__name__, len(d), d[:3], d[-3:], d == sorted(d))
print('version' in dir(sys), 'sqrt' in dir(math), 'append' in dir(list))


class Custom:
    def __dir__(self):
        return ('b', 'a', 'c')


class Plain:
    x = 1


print(dir(Custom()), 'a' in dir(Custom), dir(Plain())[-1])
