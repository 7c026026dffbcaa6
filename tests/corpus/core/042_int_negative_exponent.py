# expect: ok
print(2 ** -1)
print(10 ** -3)
print((-2) ** -3)
print(pow(4, -2))
print(2 ** -1074)
print(3 ** -1 * 3)
