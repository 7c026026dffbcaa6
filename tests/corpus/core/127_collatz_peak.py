# expect: ok
n = 77031
peak = n
count = 0
while n > 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    peak = max(peak, n)
    count += 1
print(count, peak)
