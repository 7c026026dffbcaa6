# expect: ok
for i in range(5):
    print(i, end=' ')
print()
for i in range(2, 6):
    print(i, end=' ')
print()
for i in range(1, 20, 4):
    print(i, end=' ')
print()
for i in range(10, 0, -3):
    print(i, end=' ')
print()
for i in range(-5, -10, -1):
    print(i, end=' ')
print()
for i in range(5, 5):
    print("never")
for i in range(0, -3):
    print("never")
for i in range(3, 0):
    print("never")
print("done")
