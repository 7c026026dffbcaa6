# expect: ok
def f(x):
    print("f", x)
    return x

print(1 < 2 < 3, 3 > 2 > 2, 1 < 2 > 1.5, 1 == 1.0 == True)
print(f(1) < f(2) < f(3))
print(f(3) < f(2) < f(1))
print(f(1) == f(1) != f(2) <= f(2))
a = 5
print(1 < a <= 5 < 6, 1 < a < 5, a > 4 > 3 > 2 > 1 > 0)
