# expect: TypeError: unsupported operand type(s) for -: 'A' and 'int'
class A:
    def __add__(self, o):
        return 1
print(A() + 2)
x = A() - 2
