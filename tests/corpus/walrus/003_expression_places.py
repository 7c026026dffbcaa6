# expect: ok
print([y := 5, y ** 2])
print((a := 3, a + 1))
print(abs(q := -4), q)
d = {}
d[k := 'key'] = 1
print(d, k)
print({s := 1, s + 1})
f = lambda: (r := 7) + r
print(f())
print(f"{(t := 9)} {t}")
print(t if (t := 0) else "zero")
def g(p, *, kw=None):
    return p, kw
print(g(b := 2, kw=b + 1))
lst = [10, 20, 30]
print(lst[i := 1], i)
print((u := (v := 2) + 1), u, v)
print((lambda x: (w := x + 1) * w)(3))
