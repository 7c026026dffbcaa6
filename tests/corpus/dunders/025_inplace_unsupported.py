# expect: TypeError: unsupported operand type(s) for +=: 'A' and 'int'
class A:
    pass
a = A()
print("x")
a += 1
