# expect: ok
def f(a, b=2, c=3):
    return a * 100 + b * 10 + c

print(f(1))
print(f(1, 5))
print(f(1, 5, 7))
print(f(1, c=9))
print(f(c=1, b=2, a=3))
print(f(4, b=0))
print(f(a=1))

def g(x=2 ** 10, y=-1.5):
    return x * y

print(g(), g(2), g(y=2), g(1, 1))
