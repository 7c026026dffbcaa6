# expect: ok
def d(n):
    s = 1
    k = 2
    while k * k <= n:
        if n % k == 0:
            s += k
            if k * k != n:
                s += n // k
        k += 1
    return s

for a in range(2, 3000):
    b = d(a)
    if b > a and d(b) == a:
        print(a, b)
