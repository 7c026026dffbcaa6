# expect: ok
# Substring search over windows: count/find/rfind/split/replace on long strings, long needles.
seed = 12345
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
for trial in range(120):
    h = 'ab' * rnd(100000) + ''.join('abc'[rnd(3)] for _ in range(rnd(50)))
    h = ''.join('abc'[rnd(3)] for _ in range(rnd(4))) + h
    needle = ''.join('abc'[rnd(3)] for _ in range([1, 2, 3, 7][rnd(4)]))
    if rnd(10) == 0:
        needle = 'ab' * (9000 + rnd(30000))
    print(h.count(needle), h.find(needle), h.rfind(needle), len(h.split(needle)), len(h.replace(needle, 'xy')), needle in h)
