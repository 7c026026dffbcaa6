# expect: ValueError: cannot convert float NaN to integer
print(round(2.5))
print(round(float('inf') - float('inf')))
