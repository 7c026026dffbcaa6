# expect: TypeError: '<' not supported between instances of 'str' and 'int'
# Sorting with tuple keys: the sort's small-int tuple comparison must agree
# with the general one (lengths, equal prefixes, items of other kinds
# deciding, big ints, bools, floats, nan, stability, reverse, errors).
import random

random.seed(7)
recs = [(random.randrange(5), random.randrange(-3, 3), i) for i in range(300)]
print(sorted(recs)[:6], sorted(recs, reverse=True)[:6])
print(sorted(recs, key=lambda r: (r[0], -r[2]))[:5])
print(sorted(recs, key=lambda r: (r[1], r[0]))[::60])
mixed = [(1, 2), (1,), (), (1, 2, 0), (0, 9), (1, True), (1, 2.5), (1, 1.5), (1, 2, -1),
         (2 ** 70, 1), (2 ** 70, 0), (-2 ** 70,), (1, False),
         (0, 9, "a"), (0, 9, "b"), (1, 2, 0)]
print(sorted(mixed))
print(sorted(mixed, reverse=True))
print(sorted([(0, (1, 2)), (0, (1,)), (1, (0,)), (0, (1, 2), 1), (0, (0, 5))]))
nan = float("nan")
print(sorted([(1, nan), (1, 2), (0, nan), (1, 1.0)]))
print(sorted([(i % 3, i % 2) for i in range(12)], key=lambda t: t))


class Bad:
    def __lt__(self, other):
        raise ValueError("no order")

    def __eq__(self, other):
        return False


for data in ([(1, Bad()), (1, Bad())], [(1, "a"), (1, 2)], [(1, 2), (1, None)]):
    try:
        print(sorted(data))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
pairs = [(k, v) for k, v in zip([3, 1, 2, 1, 3], "abcde")]
print(sorted(pairs, key=lambda p: (p[0],)), min(pairs), max(pairs))
last = sorted([(1, 2), (1, "a"), (0, 1)])
