# expect: OverflowError: integer division result too large for a float
print(10 ** 300 / 3)
print(10 ** 400 / 3)
