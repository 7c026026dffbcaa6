# 500,000 dict insertions, then 500,000 lookups.
def main():
    d = {}
    for i in range(500000):
        d[i] = i * 3
    t = 0
    for i in range(500000):
        t += d[i]
    return len(d), t


print(*main())
