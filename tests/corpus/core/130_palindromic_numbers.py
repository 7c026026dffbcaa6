# expect: ok
def is_pal(n):
    r = 0
    m = n
    while m > 0:
        r = r * 10 + m % 10
        m //= 10
    return r == n

best = 0
a = 999
while a >= 900:
    b = a
    while b >= 900:
        p = a * b
        if p > best and is_pal(p):
            best = p
        b -= 1
    a -= 1
print(best)
