# expect: ok
r = 0.5
total = 0.0
term = 1.0
n = 0
while term > 1e-12:
    total += term
    term *= r
    n += 1
print(n, total, 2 - total)
print((1 - r ** n) / (1 - r))
