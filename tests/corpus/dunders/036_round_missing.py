# expect: TypeError: type A doesn't define __round__ method
class A:
    pass
print(1)
x = round(A())
