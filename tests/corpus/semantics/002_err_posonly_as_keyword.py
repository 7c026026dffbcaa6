# expect: TypeError: f() got some positional-only arguments passed as keyword arguments: 'a'
def f(a, /, b=0):
    return (a, b)


print(f(1, b=2))
x = f(a=1)
