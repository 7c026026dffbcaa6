# expect: IndexError: index out of range
import heapq
from heapq import heappush, heappop, heapify, heapreplace, heappushpop, nlargest, nsmallest, merge

h = []
for v in [5, 3, 8, 1, 9, 2, 7, 3, 0, 6]:
    heappush(h, v)
    print(h)
print([heappop(h) for _ in range(len(h))], h)
data = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0, 5, 5]
heapify(data)
print(data)
print(heapreplace(data, 10), data)
print(heappushpop(data, -1), heappushpop(data, 4), data)
pairs = [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'z')]
heapify(pairs)
print(pairs, heappop(pairs), pairs)
print(nlargest(3, [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]), nsmallest(3, [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]))
people = [{'n': 'a', 'age': 30}, {'n': 'b', 'age': 25}, {'n': 'c', 'age': 30}, {'n': 'd', 'age': 20}]
print(nlargest(2, people, key=lambda p: p['age']), nsmallest(1, people, key=lambda p: p['age']), nlargest(0, [1]), nsmallest(5, [2, 1]))
print(list(merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25])))
print(list(merge(['dog', 'horse'], ['cat', 'fish', 'kangaroo'], key=len)))
print(list(merge([7, 5, 1], [8, 4, 0], reverse=True)), list(merge()), list(merge([1, 1], [1])))
words = 'the quick brown fox jumps over the lazy dog again and again'.split()
h = []
for i, w in enumerate(words):
    heappush(h, (len(w), i, w))
print(h)
print([heappop(h)[2] for _ in range(4)], h)
big = list(range(50, 0, -3))
heapify(big)
print(big)
for bad in [lambda: heappop([]), lambda: heapreplace([], 1), lambda: heappush((), 1), lambda: heapify(None), lambda: heappop(5)]:
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
print(heappop([]))
