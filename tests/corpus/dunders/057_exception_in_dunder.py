# expect: ValueError: bad add
class A:
    def __add__(self, o):
        raise ValueError("bad add")
print("before")
x = A() + 1
