# expect: ok
N = 1000
composite = 0
i = 2
while i * i <= N:
    if not (composite >> i) & 1:
        j = i * i
        while j <= N:
            composite |= 1 << j
            j += i
    i += 1
count = 0
total = 0
k = 2
while k <= N:
    if not (composite >> k) & 1:
        count += 1
        total += k
    k += 1
print(count, total)
