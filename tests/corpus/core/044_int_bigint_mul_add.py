# expect: ok
a = 123456789012345678901234567890
b = 987654321098765432109876543210
print(a + b)
print(a - b)
print(a * b)
print(b - a)
print(-a * b)
print(a * a * a)
print(a * 0, a * 1, a * -1)
