# expect: ok
class A:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        print("A.lt", type(o).__name__)
        return NotImplemented
    def __gt__(self, o):
        print("A.gt", type(o).__name__)
        return NotImplemented
class B(A):
    def __gt__(self, o):
        print("B.gt", type(o).__name__)
        return True
    def __lt__(self, o):
        print("B.lt", type(o).__name__)
        return False
a, b = A(1), B(2)
print(a < b)
print(b < a)
print(a > b)
class C:
    def __le__(self, o):
        return "le!"
    def __ge__(self, o):
        return "ge!"
print(C() <= 3, 3 <= C(), 3 >= C(), C() >= C())
