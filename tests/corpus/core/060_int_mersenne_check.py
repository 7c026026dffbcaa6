# expect: ok
def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True

for p in range(2, 32):
    if is_prime(p):
        m = 2 ** p - 1
        print(p, m, is_prime(m))
