# expect: ok
# builtin methods: equal when bound to the same object, hashable
print(hash(len) == hash(len), [].append == [].append, (1).bit_length == (1).bit_length)
l = []
print(l.append == l.append, l.append != l.append, {l.append: 1}[l.append], l.append == l.pop, len == len, len == abs)
print(hash(l.append) == hash(l.append), l.append in {l.append}, len in {len: 0}, hash([].append) == hash([].append) or True)
d = {}
print(d.get == d.get, d.get == {}.get, hash(d.get) == hash(d.get))
print((1.5).is_integer == (1.5).is_integer)
