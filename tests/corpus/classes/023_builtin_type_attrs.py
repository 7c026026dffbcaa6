# expect: TypeError: object.__new__(int) is not safe, use int.__new__()
print("abc".__class__, None.__class__, (1).__class__, int.__class__, [].__class__)
print(int.__bases__, bool.__bases__, object.__bases__, bool.__mro__, object.__base__, bool.__base__)
print(ZeroDivisionError.__mro__)
print("from_bytes" in int.__dict__, "append" in list.__dict__, int.__name__, int.__module__)
class A:
    def f(self):
        return str(super())
print(A.__class__, A().__class__.__class__, A().f())
o = object.__new__(A)
print(type(o) is A)
x = object.__new__(int)
