# expect: ok
def digital_root(n):
    while n >= 10:
        s = 0
        while n:
            s += n % 10
            n //= 10
        n = s
    return n

def reverse(n):
    r = 0
    while n > 0:
        r = r * 10 + n % 10
        n //= 10
    return r

for v in range(0, 100000, 12345):
    print(v, digital_root(v), reverse(v), reverse(v) == v)
print(reverse(12345678901234567890123))
