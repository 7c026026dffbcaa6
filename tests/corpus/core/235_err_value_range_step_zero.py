# expect: ValueError: range() arg 3 must not be zero
for i in range(0, 10, 5):
    print(i)
for i in range(0, 10, 0):
    print(i)
