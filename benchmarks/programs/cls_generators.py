# Class-heavy: a generator pipeline over 1,000,000 items (four stacked
# generators, so about 2.75 million generator resumptions), then a generator
# expression and yield from.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def scaled(it, k):
    for x in it:
        yield x * k % 1000003


def keep_odd(it):
    for x in it:
        if x & 1:
            yield x


def windows(it):
    prev = 0
    for x in it:
        yield x - prev
        prev = x


def chained(n):
    yield from numbers(n)
    yield from numbers(n // 2)


def main():
    total = 0
    count = 0
    for d in windows(keep_odd(scaled(numbers(1000000), 7919))):
        total += d
        count += 1
    print(count, total)
    print(sum(x * x for x in numbers(250000) if x % 3 == 0))
    print(sum(chained(200000)))


main()
