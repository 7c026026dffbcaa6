# expect: TypeError: 'str' object cannot be interpreted as an integer
import bisect
class I:
    def __index__(self):
        return 1
print(bisect.bisect_left([1, 2, 3], 2, I()), bisect.bisect_right([1, 2, 3], 3, 0, I()), bisect.bisect([1, 2], 5, True))
for bad in [lambda: bisect.bisect([], 1, 'a'), lambda: bisect.bisect_left([1], 1, 0, 2.5), lambda: bisect.insort([1], 0, -1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(bisect.insort_left([], 1, 'x'))
