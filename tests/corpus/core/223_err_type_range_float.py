# expect: TypeError: 'float' object cannot be interpreted as an integer
for i in range(2):
    print(i)
for i in range(2.5):
    print(i)
