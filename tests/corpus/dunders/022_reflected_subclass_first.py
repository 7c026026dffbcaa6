# expect: ok
class A:
    def __add__(self, o):
        return "A.add"
    def __radd__(self, o):
        return "A.radd"
class B(A):
    def __radd__(self, o):
        return "B.radd"
class C(A):
    pass
print(A() + B(), B() + A(), A() + C(), C() + A())
class X:
    def __add__(self, o):
        return NotImplemented
class Y:
    def __radd__(self, o):
        return "Y.radd"
print(X() + Y())
class Z:
    def __radd__(self, o):
        return NotImplemented
    def __add__(self, o):
        return NotImplemented
try:
    Z() + Z()
except TypeError as e:
    print(e)
try:
    1 + Z()
except TypeError as e:
    print(e)
