# expect: ok
print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted('hello'), sorted({3: 'a', 1: 'b'}))
print(sorted([(2, 'b'), (1, 'z'), (2, 'a')]), sorted([-3, 2, -1], key=abs), sorted([[2], [1, 5], []]))
print(sorted({1.5, -2, 0}), sorted(range(5), key=lambda x: -x), sorted([True, False, 0, 1]))
