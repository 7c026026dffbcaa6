# expect: TypeError: slice indices must be integers or None or have an __index__ method
class N:
    pass
print("abc"[:2])
x = "abc"[N():]
