# expect: TypeError: deque() takes at most 2 arguments (3 given)
from collections import deque
print(deque(), deque([1]), deque([1], 2), deque(maxlen=1), deque(iterable='ab'), deque('abc', maxlen=2))
for a, k in [((1, 2, 3), {}), ((), {'x': 1}), ((1,), {'iterable': 2}), ((), {'maxlen': 'a'}),
             (([1], 1), {'maxlen': 2}), ((), {'maxlen': -1})]:
    try:
        print(deque(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)
print(deque([1], 1, 2))
