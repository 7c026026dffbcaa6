# expect: TypeError: __int__ returned non-int (type float)
class A:
    def __int__(self):
        return 1.0
print(1)
x = int(A())
