# expect: ok
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

def lcm(a, b):
    return a // gcd(a, b) * b

acc = 1
for k in range(1, 31):
    acc = lcm(acc, k)
print(acc)
print(gcd(-12, 18), gcd(12, -18), lcm(4, 6), gcd(2 ** 64, 2 ** 40 * 3))
