# expect: ValueError: lo must be non-negative
import bisect
from bisect import bisect_left, bisect_right, insort, insort_left, insort_right

a = [1, 2, 4, 4, 4, 8, 10]
print(bisect_left(a, 4), bisect_right(a, 4), bisect.bisect(a, 4), bisect_left(a, 0), bisect_right(a, 11), bisect_left(a, 5))
print(bisect_left(a, 4, 3), bisect_right(a, 4, 0, 4), bisect_left([], 1), bisect_left(a, 4, hi=2))
def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
l = []
for v in [5, 1, 4, 1, 5, 9, 2, 6]:
    insort(l, v)
print(l)
insort_left(l, 5)
insort_right(l, 0)
print(l)
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect_left(recs, 3, key=lambda r: r[1]), bisect_right(recs, 3, key=lambda r: r[1]))
insort(recs, ('x', 4), key=lambda r: r[1])
insort_left(recs, ('y', 3), key=lambda r: r[1])
print(recs)
print(bisect_left('acegi', 'f'), bisect_right((1, 1, 1), 1))
for bad in [lambda: bisect_left(a, 1, -1), lambda: bisect_left(5, 1), lambda: bisect_left([1, 'a'], 2)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(insort(a, 1, -2))
