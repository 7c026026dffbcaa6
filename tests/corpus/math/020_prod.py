# expect: ok
import math
print(math.prod([]), math.prod([5]), math.prod([1, 2, 3, 4]), math.prod(range(1, 11)))
print(math.prod([2.5, 4]), math.prod([1.5, 2], start=2), math.prod([], start=7.5))
print(math.prod([2 ** 62, 4]), math.prod([-2 ** 62, 2]), math.prod(range(1, 40)))
print(math.prod([1.5, 2 ** 70]), math.prod([True, True]), math.prod([True, 3]))
print(math.prod([3, 0.5, 2]), math.prod((-1, -1, -1)), math.prod([2] * 100))
print(math.prod(["ab"], start=3), math.prod([2], start="x"), math.prod([], start=None))
print(math.prod([3, 4], start=[0]), math.prod([1e200, 1e200]), math.prod([-1e200, 1e200, 0]))
print(math.prod([1.0, math.inf, -1]), math.prod([2, 2.0]), math.prod([0.1, 10, 3]))
