# expect: ok
def minmax(a, b, c):
    return min(a, b, c), max(a, b, c)

def divide(a, b):
    q = a // b
    r = a - q * b
    return q, r

lo, hi = minmax(5, -2, 9)
print(lo, hi)
q, r = divide(-17, 5)
print(q, r)
print(minmax(1.5, 1, 2))
pair = divide(100, 7)
print(pair)
