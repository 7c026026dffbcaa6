# expect: ok
# Round trips of generated nested documents, compared text for text.
import json

seed = 7


def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n


def make(depth):
    k = rnd(8)
    if depth > 3 or k < 3:
        return [None, True, False, rnd(1000) - 500, rnd(10**6) / 64, "s%d\u00e9\n" % rnd(99),
                10**20 + rnd(5), -0.0][rnd(8)]
    if k < 5:
        return [make(depth + 1) for _ in range(rnd(5))]
    if k < 6:
        return tuple(make(depth + 1) for _ in range(rnd(3)))
    return {"k%d" % rnd(50): make(depth + 1) for _ in range(rnd(5))}


for i in range(40):
    v = make(0)
    s = json.dumps(v)
    s2 = json.dumps(v, indent=i % 4, sort_keys=True, ensure_ascii=bool(i % 2))
    print(s)
    print(s2)
    print(json.loads(s) == json.loads(s2), json.dumps(json.loads(s)) == s.replace("[]", "[]"))
