# expect: ok
class Pair:
    def __enter__(self):
        return (1, [2, 3])
    def __exit__(self, *a):
        return None
with Pair() as (a, [b, c]):
    print(a, b, c)
class Box:
    pass
box = Box()
d = {}
with Pair() as box.value:
    pass
with Pair() as d["k"]:
    pass
print(box.value, d)
with Pair() as (first, *rest):
    print(first, rest)
