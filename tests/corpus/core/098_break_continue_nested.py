# expect: ok
for i in range(5):
    if i == 3:
        continue
    for j in range(5):
        if j > i:
            break
        if (i + j) % 2 == 1:
            continue
        print(i, j)
n = 0
while True:
    n += 1
    if n % 2 == 0:
        continue
    if n > 9:
        break
    print("odd", n)
