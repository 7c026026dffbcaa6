# expect: OverflowError: int too large to convert to float
big = 2 ** 1024
print(big * 2)
print(big * 1.0)
