# expect: TypeError: object of type 'A' has no len()
class A:
    pass
print(bool(A()))
n = len(A())
