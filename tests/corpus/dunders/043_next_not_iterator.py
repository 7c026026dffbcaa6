# expect: TypeError: 'A' object is not an iterator
class A:
    def __iter__(self):
        return self
print("x")
n = next(A())
