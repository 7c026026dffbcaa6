# expect: ok
# dict/list/tuple/str/bytes iterators: type names, reversed views, size change during iteration
d = {1: 2, 3: 4}
print(list(d), list(d.values()), list(d.items()), list(reversed(d)), list(reversed(d.values())), list(reversed(d.items())), [type(x).__name__ for x in (iter(d), iter(d.values()), iter(d.items()), reversed(d), reversed(d.values()), reversed(d.items()), iter(b""), iter(bytearray()), iter("a"), iter("\xe9"), iter(()), iter([]), reversed([]))])
print(list(b"ab"), list(bytearray(b"c")), list("h\xe9"), list(reversed([1, 2])))
it = iter(d)
d[5] = 6
try: next(it)
except RuntimeError as e: print(e)
