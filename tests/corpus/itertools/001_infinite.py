# expect: ValueError: Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.
import itertools
from itertools import count, cycle, repeat, islice

print(list(islice(count(), 5)), list(islice(count(10, 3), 4)), list(islice(count(1.5, 0.5), 3)))
c = count(5)
print(next(c), next(c), c, count(), count(1, 2), count(0.5), count(2, -1), count(1, 1.0))
print(list(zip(count(1), 'abc')))
print(list(islice(cycle('ab'), 5)), list(cycle([])))
print(list(repeat('x', 3)), list(repeat(1, 0)), list(repeat(1, -2)), repeat('a'), repeat(2, 5))
r = repeat(7, 2)
print(next(r), r, list(map(pow, range(5), repeat(2))))
print(list(islice('abcdefg', 2)), list(islice('abcdefg', 2, 4)), list(islice('abcdefg', 2, None)),
      list(islice('abcdefg', 0, None, 2)), list(islice('abcdefg', 1, 6, 3)), list(islice('abc', None)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
it = iter(range(10))
print(list(islice(it, 1, 7, 2)), next(it))
for bad in [lambda: islice('a', -1), lambda: islice('a', 1, -1), lambda: islice('a', -1, 2),
            lambda: islice('a', 0, 1, 0), lambda: islice('a'), lambda: islice('a', 1, 2, 3, 4),
            lambda: islice('a', 'x'), lambda: islice(1, 2), lambda: count('a'),
            lambda: list(repeat(1, 'x')), lambda: islice('a', 0, 5, -1)]:
    try:
        bad()
        print('no error')
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(itertools.count.__name__, type(count()).__name__)
print(islice([], -5))
