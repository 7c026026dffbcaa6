# expect: ok
d = {}
for w in 'the quick brown fox jumps over the lazy dog the end'.split():
    d[w] = d.get(w, 0) + 1
print(sorted(d.items()))
print(hash('abc') == hash('ab' + 'c'), hash('') == hash(''))
s = {'a', 'b', 'a', 'é'}
print(sorted(s), len(s))
print('é' in {'é': 1}, 'e' in {'é': 1})
