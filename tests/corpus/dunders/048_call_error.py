# expect: TypeError: 'A' object is not callable
class A:
    pass
print(callable(A()))
x = A()()
