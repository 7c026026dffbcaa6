# expect: ok
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [10]), a.intersection(b, range(5)), a.difference(b, [1]), a.symmetric_difference(range(3)))
print(a.union(), a.intersection(), a.difference(), a.union('') == a)
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint([8, 9]), a.isdisjoint(b))
print(a <= a, a < a, a < a | b, a >= {1}, a > a, a == set(range(1, 6)), a != b)
