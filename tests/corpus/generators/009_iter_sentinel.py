# expect: ok
data = [1, 2, 3, 0, 4]
pos = [0]
def read():
    v = data[pos[0]]
    pos[0] += 1
    return v
print(list(iter(read, 0)))
print(pos)
it = iter(read, 99)
print(next(it), type(it).__name__)
try:
    iter(5, 1)
except TypeError as e:
    print("TypeError:", e)
g = (x for x in range(10))
print(list(iter(lambda: next(g), 5)))
calls = iter([3, 2, 1, 0, -1])
print(list(iter(lambda: next(calls), 0)))
def boom():
    raise ValueError("boom")
try:
    list(iter(boom, 0))
except ValueError as e:
    print("ValueError:", e)
stops = iter([1, 2])
print(list(iter(lambda: next(stops), 9)))
it = iter(lambda: 1, 1)
print(list(it), list(it))
try:
    iter()
except TypeError as e:
    print("TypeError:", e)
try:
    iter(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
