# expect: ok
a = 2 ** 130 + 2 ** 65 + 12345
b = 2 ** 129 - 1
print(a & b)
print(a | b)
print(a ^ b)
print(~a)
print(-a & b)
print(-a | b)
print(-a ^ -b)
print(a & -1, a | 0, a ^ a)
print((2 ** 64 - 1) & (-2 ** 64), -(2 ** 70) | 1)
