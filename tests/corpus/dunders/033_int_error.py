# expect: TypeError: int() argument must be a string, a bytes-like object or a real number, not 'A'
class A:
    pass
print(1)
x = int(A())
