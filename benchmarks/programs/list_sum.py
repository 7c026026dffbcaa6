# Build a list of 1,000,000 ints with append, then sum it.
def main():
    xs = []
    for i in range(1000000):
        xs.append(i * 2)
    return len(xs), sum(xs), xs[-1]


print(*main())
