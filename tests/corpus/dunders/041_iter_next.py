# expect: ok
class Count:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
for x in Count(3):
    print(x)
print(list(Count(4)), sum(Count(5)), sorted(Count(3), reverse=True), min(Count(3)), max(Count(3)))
print(dict(zip(Count(2), "ab")), list(enumerate(Count(2))), list(map(str, Count(3))))
it = iter(Count(2))
print(next(it), next(it), next(it, "done"))
a, *b = Count(4)
print(a, b, [*Count(2)], {*Count(2)}, set(Count(3)), tuple(Count(1)))
print(" ".join(map(str, Count(3))), any(Count(0)), all(Count(2)))
def f(*args):
    return args
print(f(*Count(3)))
print([y * 2 for y in Count(3)])
