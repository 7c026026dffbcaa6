# expect: ok
print(1 + 2, 7 - 10, 6 * 7, 2 - 2)
print(100 - 1 * 2 + 3, (100 - 1) * (2 + 3))
print(0 * -5, -0, +0, -(-3))
a = 17
b = 5
print(a + b, a - b, a * b, a // b, a % b, a ** 2)
