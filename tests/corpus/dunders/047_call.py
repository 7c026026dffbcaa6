# expect: ok
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest, k=0):
        return self.n + x + sum(rest) + k
a = Adder(10)
print(a(1), a(1, 2, 3), a(1, k=5), callable(a), callable(Adder), list(map(a, [1, 2])))
print(sorted([3, 1, 2], key=Adder(0)))
