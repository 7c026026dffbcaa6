# expect: IndexError: pop from an empty deque
from collections import deque

d = deque([1, 2, 3])
print(d, len(d), bool(d), bool(deque()))
d.append(4)
d.appendleft(0)
print(d, d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft('ab')
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate()
print(d, d.count(7), d.index(7), 7 in d, 99 in d)
d.remove(7)
print(d)
d.reverse()
print(d, list(reversed(d)))
d[0] = 'first'
del d[1]
print(d, d.copy(), d == d.copy(), d == list(d))
d.insert(1, 'ins')
print(d)
d.clear()
print(d, repr(deque()))
m = deque(range(10), maxlen=3)
print(m, m.maxlen, deque().maxlen)
m.append(10)
print(m)
m.appendleft(-1)
print(m)
m.extendleft([100, 200])
print(m)
print(deque('abc', 2), deque(maxlen=0))
z = deque(maxlen=0)
z.append(1)
z.appendleft(2)
print(z)
q = deque()
for i in range(1000):
    q.append(i)
    if i % 3 == 0:
        q.popleft()
print(len(q), q[0], q[-1], sum(q))
for i in range(100):
    q.appendleft(-i)
print(len(q), q[0], q[99], q[100])
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, 2 * deque([5]))
a = deque([1, 2])
a += [3, 4]
a *= 2
print(a)
print(deque([1, 2]) < deque([1, 3]), deque([1]) >= deque([1]), deque([2]) > deque([1, 5]))
print(deque([1, 2, 3, 2]).index(2, 2), deque('abc').index('c', -1))
x = deque([1, 2, 3])
try:
    for v in x:
        x.append(v)
except RuntimeError as e:
    print(e)
for exc_test in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5],
                 lambda: deque([1]).remove(2), lambda: deque([1]).index(3),
                 lambda: deque([1], maxlen=1).insert(0, 1), lambda: deque(maxlen=-1),
                 lambda: deque([1]) + [2], lambda: hash(deque())]:
    try:
        exc_test()
    except Exception as e:
        print(type(e).__name__, e)
r = deque(range(5))
r.rotate(12)
print(r, list(r), [i * 2 for i in r], max(r), sorted(r, reverse=True))
print(deque().popleft())
