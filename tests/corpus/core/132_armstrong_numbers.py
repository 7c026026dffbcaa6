# expect: ok
def num_digits(n):
    d = 0
    while n > 0:
        d += 1
        n //= 10
    return d

def is_armstrong(n):
    k = num_digits(n)
    s = 0
    m = n
    while m > 0:
        s += (m % 10) ** k
        m //= 10
    return s == n

for n in range(1, 100000):
    if is_armstrong(n):
        print(n, end=' ')
print()
