# Sorting 200,000 records with operator.itemgetter / attrgetter keys.
from operator import itemgetter, attrgetter


class Rec:
    __slots__ = ('name', 'score')

    def __init__(self, name, score):
        self.name = name
        self.score = score


def main():
    x = 42
    rows = []
    for i in range(200000):
        x = (x * 1103515245 + 12345) % 2147483648
        rows.append(('n%d' % (x % 9973), x % 1000, i))
    by_score = sorted(rows, key=itemgetter(1))
    by_two = sorted(rows, key=itemgetter(1, 0))
    recs = [Rec(r[0], r[1]) for r in rows[:50000]]
    by_attr = sorted(recs, key=attrgetter('score'))
    return by_score[0], by_score[-1], by_two[100], by_attr[7].name


print(*main())
