# expect: TypeError: __index__ returned non-int (type str)
class A:
    def __index__(self):
        return "no"
print("x")
r = [1, 2][A()]
