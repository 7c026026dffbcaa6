# expect: ok
e = 0.0
term = 1.0
for n in range(1, 25):
    e += term
    term /= n
print(e)
approx = (1 + 1 / 10 ** 6) ** 10 ** 6
print(approx)
