# expect: ok
items = ['a', 'bb', 'ccc']
for i, it in enumerate(items):
    print(f'{i:>2}: {it:<5}|{len(it):03d}')
d = {'k': 'value'}
print(f"{d['k']} {d['k']!r:>9}")
print(f'{"-".join(items)} {items[-1][::-1]}')
width = 6
print(f'{"x":>{width}}|{"y":{"<"}{width}}|')
