# expect: TypeError: 'NoneType' object cannot be interpreted as an integer
from collections import deque
class I:
    def __index__(self):
        return 2
d = deque(range(5))
d.rotate(I())
print(d)
d.rotate(-7)
print(d)
d.rotate(0)
d.rotate(True)
print(d, deque().rotate(3), deque([1]).rotate(-1))
for bad in [lambda: deque().rotate('a'), lambda: deque([1, 2]).rotate(1.5), lambda: deque([1])[1.0]]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(deque([1]).rotate(None))
