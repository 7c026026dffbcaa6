# expect: TypeError: __repr__ returned non-string (type int)
class A:
    def __repr__(self):
        return 42
print("start")
print(repr(A()))
