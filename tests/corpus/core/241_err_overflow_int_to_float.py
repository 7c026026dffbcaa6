# expect: OverflowError: int too large to convert to float
big = 10 ** 400
print(big > 1e308)
print(float(big))
