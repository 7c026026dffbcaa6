# expect: ok
for i in range(10 ** 20, 10 ** 20 + 3):
    print(i)
for i in range(2 ** 70, 2 ** 70 - 10, -4):
    print(i)
print(max(range(10 ** 30, 10 ** 30 + 5)))
