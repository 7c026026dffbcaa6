# Sorting 200,000 records with a key function (lambda), then by a tuple key.
def main():
    recs = []
    x = 12345
    for i in range(200000):
        x = (x * 1103515245 + 12345) % 2147483648
        recs.append((x % 1000, x // 1000 % 977, i))
    a = sorted(recs, key=lambda r: r[1])
    b = sorted(recs, key=lambda r: (r[0], -r[2]))
    return a[0], a[-1], b[0], b[-1]


print(*main())
