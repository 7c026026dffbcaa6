# expect: ok
def show(a, b):
    print(a, b, a // b, a % b)

def row(a):
    show(a, 2.0)
    show(a, -2.0)
    show(a, 0.3)

row(7.5)
row(-7.5)
row(0.0)
row(-0.0)
row(1e-300)
print(5.0 % float('inf'), -5.0 % float('inf'), 5.0 // float('inf'), -5.0 // float('inf'))
print(1e300 % 3.0, 1e300 // 3.0)
