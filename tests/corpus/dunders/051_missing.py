# expect: ok
class D(dict):
    def __missing__(self, key):
        return key * 2
d = D(a=1)
print(d["a"], d["zz"], d.get("zz"), "zz" in d, d)
class Counter(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
c = Counter()
for ch in "abca":
    c[ch] += 1
print(sorted(c.items()), type(c).__name__, isinstance(c, dict))
