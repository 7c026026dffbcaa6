# expect: TypeError: __format__ must return a str, not int
class A:
    def __format__(self, spec):
        return 1
print("a")
print(f"{A()}")
