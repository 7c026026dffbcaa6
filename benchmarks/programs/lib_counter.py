# Counter / defaultdict aggregation: 300,000 pseudo-random words (an LCG
# over a 500-word vocabulary) counted three ways, then most_common(5).
from collections import Counter, defaultdict


def main():
    vocab = ['w%d' % i for i in range(500)]
    x = 12345
    words = []
    for _ in range(300000):
        x = (x * 1103515245 + 12345) % 2147483648
        words.append(vocab[(x >> 8) % 500])
    c = Counter(words)
    dd = defaultdict(int)
    for w in words:
        dd[w] += 1
    groups = defaultdict(list)
    for i, w in enumerate(words[:50000]):
        groups[w].append(i)
    c2 = Counter()
    for w in words[:100000]:
        c2[w] += 1
    return c.most_common(5), dd == c, len(groups), (c - c2).total()


print(*main())
