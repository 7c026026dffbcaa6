# expect: ok
avg = 0.0
n = 0
for v in range(1, 101):
    n += 1
    avg += (v * v - avg) / n
    if n % 25 == 0:
        print(n, avg)
