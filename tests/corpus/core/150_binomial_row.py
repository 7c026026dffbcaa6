# expect: ok
def comb(n, k):
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    r = 1
    for i in range(1, k + 1):
        r = r * (n - k + i) // i
    return r

for k in range(0, 11):
    print(comb(10, k), end=' ')
print()
print(comb(100, 50), comb(5, 7), comb(200, 3))
