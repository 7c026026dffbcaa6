# expect: OverflowError: int too large to convert to float
print(10 ** -2)
print((10 ** 400) ** -1)
