# expect: KeyError: 12345
# dict with int keys: the small-int hash fast path must agree with CPython's
# hash() (modulo 2**61 - 1, -1 -> -2) and with big ints, floats and bools
# that compare equal.
vals = [0, 1, -1, -2, 2, 7, -7, 2 ** 31, -(2 ** 31), 2 ** 60, 2 ** 61 - 2, 2 ** 61 - 1,
        2 ** 61, 2 ** 61 + 1, -(2 ** 61 - 1), -(2 ** 61), 2 ** 62, 2 ** 63 - 1, -(2 ** 63),
        2 ** 63, 2 ** 64 + 5, -(2 ** 64) - 5, 9223372036854775807, -9223372036854775808]
for v in vals:
    print(v, hash(v), hash(v) == hash(v + 0 * 2 ** 80))
d = {}
for v in vals:
    d[v] = str(v)
print(len(d))
print(d[2 ** 61 - 1], d.get(0), d.get(-1))
print(d[1.0], d[True], d[0.0], d[False])
print((2 ** 61 - 1) in d, 0 in {2 ** 61 - 1: 1})
print(hash(2 ** 61 - 1), hash(-(2 ** 61 - 1)), hash(2 ** 61))
m = {}
for i in range(1000):
    m[i * 7919 % 1009] = i
s = 0
for i in range(1009):
    s += m.get(i, 0)
print(len(m), s)


class K(int):
    def __hash__(self):
        return 5

    def __eq__(self, other):
        return int(self) == other


k = {K(3): "k"}
print(k.get(3), k.get(K(3)), k.get(5))
n = {float("nan"): 1}
print(len(n), float("inf") in {float("inf"): 0}, hash(float("inf")))
e = {}
print(e[12345])
