# expect: ok
a = 1
b = 2
del a
a = 3
print(a, b)
def f():
    y = 10
    del y
    y = 20
    return y
print(f())
