# expect: ValueError: pow() 3rd argument cannot be 0
print(pow(2, 5, 3))
print(pow(2, 5, 0))
