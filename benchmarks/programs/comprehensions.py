# List, dict and set comprehensions and a generator expression over ranges.
def main():
    total = 0
    for rep in range(50):
        sq = [i * i for i in range(50000) if i % 3]
        d = {i: i % 17 for i in range(0, 50000, 2)}
        s = {v % 1000 for v in sq}
        total += len(sq) + len(d) + len(s) + sum(x for x in d.values() if x > 8)
    return total


print(main())
