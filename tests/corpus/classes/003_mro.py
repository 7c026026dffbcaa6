# expect: order (MRO) for bases A, B
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B>" + super().who()
class C(A):
    def who(self): return "C>" + super().who()
class D(B, C):
    def who(self): return "D>" + super().who()
print(D().who())
print([k.__name__ for k in D.__mro__])
class X: pass
class Y: pass
class Z(X, Y): pass
class W(Y, X): pass
print([k.__name__ for k in Z.__mro__], [k.__name__ for k in W.__mro__])
class O(object): pass
print(O.__mro__, O.__bases__)
try:
    class Bad(Z, W): pass
except TypeError as e:
    print(e)
try:
    class Dup(X, X): pass
except TypeError as e:
    print(e)
try:
    class NotAType(1): pass
except TypeError as e:
    print("TypeError")
try:
    class B2(bool): pass
except TypeError as e:
    print(e)
class Bad2(A, B): pass
