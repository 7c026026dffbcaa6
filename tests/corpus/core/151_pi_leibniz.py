# expect: ok
total = 0.0
sign = 1.0
for k in range(100000):
    total += sign / (2 * k + 1)
    sign = -sign
print(total * 4)
