# expect: TypeError: 'int' object is not iterable
from itertools import (accumulate, chain, compress, dropwhile, filterfalse, groupby,
                       pairwise, starmap, takewhile, tee, zip_longest)
import operator

print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)),
      list(accumulate([], initial=5)), list(accumulate([1, 2], initial=10)), list(accumulate([])))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate('abc')))
print(list(chain('ab', [1, 2], (3,))), list(chain()), list(chain.from_iterable(['xy', 'z'])))
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress('AB', [1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None])))
print(list(starmap(pow, [(2, 5), (3, 2)])), list(pairwise('abcd')), list(pairwise('a')), list(pairwise([])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')], list(groupby([])))
print([(k, len(list(g))) for k, g in groupby(sorted(['apple', 'avocado', 'banana', 'cherry', 'blueberry']), key=lambda w: w[0])])
gb = groupby('aabbc')
k1, g1 = next(gb)
k2, g2 = next(gb)
print(k1, list(g1), k2, list(g2), next(gb)[0])
gb = groupby([1, 1, 2])
k, g = next(gb)
print(next(g), list(gb)[0][0])
a, b = tee([1, 2, 3])
print(next(a), list(b), list(a))
t = tee('abc', 3)
print(len(t), [list(x) for x in t], tee('x', 0))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest('ab', [1])), list(zip_longest()))
print(list(zip_longest([], [])), list(zip_longest('a', 'bc', 'def')))
print(list(map(operator.add, [1, 2], [3, 4])))
for bad in [lambda: tee([], -1), lambda: list(chain(1)), lambda: accumulate(5), lambda: pairwise(3),
            lambda: list(starmap(pow, [1])), lambda: zip_longest(1)]:
    try:
        bad()
        print('no error')
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(list(compress(range(3), 5)))
