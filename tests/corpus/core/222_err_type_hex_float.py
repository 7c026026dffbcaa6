# expect: TypeError: 'float' object cannot be interpreted as an integer
print(hex(255))
print(hex(255.0))
