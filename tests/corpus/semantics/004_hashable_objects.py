# expect: ok
# Which built-in objects are hashable, as in CPython 3.11: iterators and the
# iterator builtins hash by identity, range by value, dict_values by identity;
# dict_keys, dict_items, list, dict, set, slice are unhashable.
d = {1: "a", 2: "b"}
objs = [
    ("range", range(3)),
    ("list_iterator", iter([1, 2])),
    ("tuple_iterator", iter((1, 2))),
    ("str_iterator", iter("ab")),
    ("range_iterator", iter(range(2))),
    ("set_iterator", iter({1})),
    ("dict_keyiterator", iter(d)),
    ("dict_valueiterator", iter(d.values())),
    ("dict_itemiterator", iter(d.items())),
    ("map", map(abs, [1])),
    ("zip", zip([1], [2])),
    ("enumerate", enumerate([1])),
    ("filter", filter(None, [1])),
    ("reversed", reversed([1, 2])),
    ("dict_values", d.values()),
    ("dict_keys", d.keys()),
    ("dict_items", d.items()),
    ("list", [1]),
    ("dict", {}),
    ("set", set()),
    ("slice", slice(1, 2)),
    ("function", len),
    ("lambda", lambda: 0),
    ("type", int),
    ("exception", ValueError("x")),
]
for name, o in objs:
    try:
        h = hash(o)
    except TypeError as e:
        print(name, "TypeError:", e)
        continue
    table = {o: name}
    print(name, "hashable", h == hash(o), o in table, o in {o}, table[o])

print(hash(range(3)) == hash(range(0, 3)), hash(range(0, 3, 1)) == hash(range(3)))
print(hash(range(0)) == hash(range(5, 5)), hash(range(0)) == hash(range(7, 3, 2)))
print(hash(range(4, 5, 3)) == hash(range(4, 6, 7)), hash(range(1, 10, 2)) == hash(range(1, 11, 2)))
print(range(0) == range(3, 1), range(1, 2) == range(1, 5, 9), range(2**70) == range(0, 2**70))
print(hash(range(2**70)) == hash(range(0, 2**70, 1)), range(2**70) != range(2**71))
ranges = {range(3): "a", range(0, 3, 1): "b", range(0): "c", range(9, 2): "d"}
print(ranges)
it = iter([1, 2, 3])
seen = {it: "iterator"}
print(seen[it], next(it), seen[it])
m = map(str, [1, 2])
print({m: 1}[m], it in {m}, m in {m, it})
