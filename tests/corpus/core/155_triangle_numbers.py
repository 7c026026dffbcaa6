# expect: ok
t = 0
for n in range(1, 101):
    t += n
    if t % 3 == 0 and t % 5 == 0:
        print(n, t, t == n * (n + 1) // 2)
