# expect: ok
def sum_divisors(n):
    s = 1
    d = 2
    while d * d <= n:
        if n % d == 0:
            s += d
            if d * d != n:
                s += n // d
        d += 1
    return s

for n in range(2, 10000):
    if sum_divisors(n) == n:
        print("perfect", n)
abundant = 0
for n in range(2, 1000):
    if sum_divisors(n) > n:
        abundant += 1
print("abundant below 1000:", abundant)
