# expect: TypeError: __bool__ should return bool, returned int
class B:
    def __bool__(self):
        return 1
print("x")
if B():
    pass
