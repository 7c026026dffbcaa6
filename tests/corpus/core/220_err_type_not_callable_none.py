# expect: TypeError: 'NoneType' object is not callable
def f():
    return None

g = f()
print(g)
h = g()
