# expect: ok
class Ix:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
i = Ix(3)
print(range(i), list(range(Ix(1), Ix(7), Ix(2))), [10, 20, 30, 40][i], "abcdef"[Ix(1)])
print(hex(Ix(255)), bin(Ix(5)), oct(Ix(8)), (1, 2, 3, 4, 5)[Ix(0):Ix(2)], [1, 2, 3][:Ix(-1)])
print("ab" * Ix(3), [0] * Ix(2), Ix(2) * "x")
l = [1, 2, 3]
l[Ix(0)] = 9
del l[Ix(1)]
print(l, int(Ix(7)) if False else 0)
print(1)
