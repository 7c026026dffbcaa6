# expect: AttributeError: 'super' object has no attribute 'missing'
class A:
    def hello(self):
        return "A.hello"
    @classmethod
    def make(cls):
        return "A.make " + cls.__name__
    @staticmethod
    def st():
        return "A.st"
class B(A):
    def hello(self):
        return "B>" + super().hello()
    @classmethod
    def make(cls):
        return "B>" + super().make()
    def st2(self):
        return super().st()
    def explicit(self):
        return super(B, self).hello()
    def from_a(self):
        return super(A, self).__init__()
b = B()
print(b.hello(), B.make(), b.make(), b.st2(), b.explicit(), b.from_a())
class C(B):
    def hello(self):
        def inner():
            return "inner"
        return "C>" + super().hello() + inner()
print(C().hello())
s = super(B, b)
print(s.hello(), type(s).__name__)
try:
    super(B, 1)
except TypeError as e:
    print(e)
def notmethod():
    return super()
try:
    notmethod()
except RuntimeError as e:
    print(e)
class D:
    def m(self):
        return super().missing
x = D().m()
