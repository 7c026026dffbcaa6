# expect: TypeError: 'float' object cannot be interpreted as an integer
print(round(2.5, 1))
print(round(2.5, 1.0))
