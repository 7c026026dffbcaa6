# expect: TypeError: 'generator' object is not subscriptable
def gen(n):
    for i in range(n):
        yield i

l = [9]
l.extend(gen(3))
print(l)
s = {1}
s.update(gen(3))
print(s)
d = {}
d.update((str(i), i) for i in gen(2))
print(d, dict.fromkeys(gen(2)))
print(2 in gen(5), 7 in gen(5))
print(tuple(gen(3)) + (1,), [*gen(2), *gen(2)], {*gen(3)})
print(list(enumerate(gen(3), 10)), list(zip(gen(2), gen(5), "abc")))
print(sorted(gen(4), reverse=True), min(gen(3), key=lambda x: -x), max(gen(1)))
print(any(gen(0)), all(gen(0)), sum(gen(0)), list(filter(lambda x: x > 1, gen(4))))
x, y = gen(2)
print(x, y)
try:
    a, b = gen(3)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = gen(2)
except ValueError as e:
    print("ValueError:", e)
g = gen(3)
print(g == g, g != gen(3), hash(g) == hash(g), bool(g))
print(", ".join(map(str, gen(3))), "-".join(c for c in "abc"))
print(str(list(map(lambda a, b: a * b, gen(3), gen(3)))))
for problem in ["len", "reversed", "next_list"]:
    try:
        if problem == "len":
            len(gen(1))
        elif problem == "reversed":
            reversed(gen(1))
        else:
            next([1])
    except TypeError as e:
        print("TypeError:", e)
try:
    gen(1) + gen(1)
except TypeError as e:
    print("TypeError:", e)
try:
    gen(1) < gen(1)
except TypeError as e:
    print("TypeError:", e)
print(type(iter(int, 0)).__name__, iter(iter(int, 0)) is not None)
print(gen(2)[0])
