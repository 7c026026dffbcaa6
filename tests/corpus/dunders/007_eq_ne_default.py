# expect: ok
class A:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print("A.eq")
        if isinstance(other, A):
            return self.v == other.v
        return NotImplemented
a, b, c = A(1), A(1), A(2)
print(a == b, a == c, a != b, a != c)
print(a == 1, a != 1, 1 == a, 1 != a)
print(a in [c, b], a in [c])
print([a] == [b], (a,) == (c,))
print(A.__hash__)
