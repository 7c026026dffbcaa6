# expect: ok
def power(base, exp, mod):
    result = 1
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result

print(power(3, 200, 1000), pow(3, 200, 1000))
print(power(2, 10 ** 18, 10 ** 9 + 7), pow(2, 10 ** 18, 10 ** 9 + 7))
print(power(7, 2 ** 100, 2 ** 61 - 1) == pow(7, 2 ** 100, 2 ** 61 - 1))
