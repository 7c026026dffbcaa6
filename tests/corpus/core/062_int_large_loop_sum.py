# expect: ok
total = 0
i = 0
while i < 20000:
    total += i * i
    i += 1
print(total)
print(total == (19999 * 20000 * 39999) // 6)
