# expect: RecursionError: maximum recursion depth exceeded while calling a Python object
class A:
    def __repr__(self):
        return repr(self)
print("x")
r = repr(A())
