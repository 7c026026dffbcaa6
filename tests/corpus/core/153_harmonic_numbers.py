# expect: ok
h = 0.0
for n in range(1, 1001):
    h += 1 / n
    if n % 250 == 0:
        print(n, h)
