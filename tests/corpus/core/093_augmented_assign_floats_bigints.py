# expect: ok
f = 1.5
f += 1
f *= 3
f -= 0.5
f /= 2
f //= 1
f %= 2
f **= 3
print(f)
n = 2 ** 100
n *= n
n //= 3
n %= 10 ** 20
n <<= 100
n >>= 99
n ^= -1
n &= 2 ** 80 - 1
n |= 1
print(n)
