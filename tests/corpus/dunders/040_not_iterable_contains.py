# expect: TypeError: argument of type 'A' is not iterable
class A:
    pass
print("x")
r = 1 in A()
