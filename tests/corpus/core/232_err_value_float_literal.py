# expect: ValueError: could not convert string to float: 'x'
print(float("1.5"))
print(float("x"))
