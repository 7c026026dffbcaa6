# expect: OverflowError: cannot convert float infinity to integer
print(round(1e308))
print(round(float('-inf')))
