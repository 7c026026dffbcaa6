# expect: TypeError: 'A' object cannot be interpreted as an integer
class A:
    pass
print("x")
r = range(A())
