# expect: TypeError: 'A' object is not reversible
class A:
    def __iter__(self):
        return iter([])
print("x")
r = reversed(A())
