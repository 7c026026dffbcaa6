# expect: TypeError: f() got an unexpected keyword argument 'z'
def f(x, y=1):
    return x * y

print(f(2, y=3))
print(f(1, z=3))
