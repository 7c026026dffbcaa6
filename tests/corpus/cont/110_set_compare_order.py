# expect: ok
a = {1, 2}
b = {1, 2, 3}
print(a < b, a <= b, b > a, b >= a, a == b, a != b, a < a, a > a)
print({1, 2} == frozenset({1, 2}), frozenset({1}) < {1, 2}, set() == frozenset())
print({1} == [1], {1} != (1,))
