# expect: OverflowError: cannot convert float infinity to integer
x = 1e308 * 10
print(x)
print(int(x))
