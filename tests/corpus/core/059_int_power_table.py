# expect: ok
for i in range(0, 130, 7):
    print(i, 2 ** i, 3 ** i % 1000007)
