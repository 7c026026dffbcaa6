# expect: ok
n = 1
steps = 0
while True:
    n *= 3
    steps += 1
    if n > 10 ** 12:
        break
print(n, steps)
