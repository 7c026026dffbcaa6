# expect: ok
total = 0
for i in range(4):
    if i % 2 == 0:
        for j in range(3):
            if j == 1:
                continue
            total += i * 10 + j
    else:
        while total > 100:
            total -= 7
        total += 1
print(total)
