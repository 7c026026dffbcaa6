# expect: TypeError: pow() 3rd argument not allowed unless all arguments are integers
print(pow(2, 3, 5))
print(pow(2.0, 3, 5))
