# expect: ValueError: cannot convert float NaN to integer
nan = float('nan')
print(nan)
print(int(nan))
