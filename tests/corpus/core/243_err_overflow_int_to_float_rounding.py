# expect: OverflowError: int too large to convert to float
print(float(2 ** 1024 - 2 ** 971))
print(float(2 ** 1024 - 2 ** 970))
