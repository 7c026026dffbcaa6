# expect: ok
print(pow(3, 200, 1000))
print(pow(2, -1, 7))
print(pow(3, -2, 11))
print(pow(2, 100, 2 ** 61 - 1))
print(pow(-2, 3, 5), pow(2, 3, -5), pow(-7, 2, 5))
print(pow(5, 0, 1), pow(5, 0, 7))
print(pow(12345678901234567890, 98765, 10 ** 9 + 7))
