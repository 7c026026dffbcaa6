# expect: ok
def isqrt(n):
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x

print(isqrt(0), isqrt(15), isqrt(16), isqrt(10 ** 40), isqrt(2 * 10 ** 60))
r = isqrt(2 ** 201)
print(r, r * r <= 2 ** 201 < (r + 1) * (r + 1))
