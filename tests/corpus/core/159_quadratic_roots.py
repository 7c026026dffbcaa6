# expect: ok
def roots(a, b, c):
    d = b * b - 4 * a * c
    if d < 0:
        print("no real roots")
        return None
    s = d ** 0.5
    return (-b + s) / (2 * a), (-b - s) / (2 * a)

print(roots(1, -3, 2))
print(roots(1, 2, 1))
print(roots(2, 5, -3))
print(roots(1, 0, 1))
print(roots(1, 1e8, 1))
