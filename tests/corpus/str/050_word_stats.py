# expect: ok
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness"""
words = [w.strip(',').lower() for w in text.split()]
print(len(words), len(text.splitlines()))
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
for w in sorted(counts):
    print(f'{w:>12} {counts[w]:2d} {"#" * counts[w]}')
