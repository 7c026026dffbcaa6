# expect: ok
c = 1
for n in range(0, 40):
    if n % 5 == 0:
        print(n, c)
    c = c * 2 * (2 * n + 1) // (n + 2)
