# expect: TypeError: 'int' object is not iterable
n = 3
print("loop")
for i in n:
    print(i)
