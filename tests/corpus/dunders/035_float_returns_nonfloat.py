# expect: TypeError: A.__float__ returned non-float (type int)
class A:
    def __float__(self):
        return 1
print(1)
x = float(A())
