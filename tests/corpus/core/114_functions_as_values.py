# expect: ok
def square(x):
    return x * x

def cube(x):
    return x * x * x

def apply(f, x):
    return f(x)

def apply_n(f, x, n):
    for i in range(n):
        x = f(x)
    return x

g = square
print(apply(square, 7), apply(cube, -3), g(12))
print(apply_n(square, 2, 5), apply_n(abs, -4, 1))
print(apply(float, 3), apply(int, -2.5), apply(hex, 255))
h = max
print(h(1, 9, 3))
