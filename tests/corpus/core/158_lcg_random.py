# expect: ok
seed = 12345
total = 0
for i in range(1000):
    seed = (1103515245 * seed + 12345) % 2 ** 31
    total += seed % 6 + 1
    if i < 5:
        print(seed, seed / 2 ** 31)
print(total, total / 1000)
