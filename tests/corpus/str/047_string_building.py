# expect: ok
parts = []
for i in range(10):
    parts.append(str(i) * (i % 3 + 1))
print(''.join(parts))
s = ''
for c in 'hello':
    s = c + s
print(s)
acc = ''
for i in range(5):
    acc += f'{i}:{i * i};'
print(acc)
print(len('x' * 1000), ('ab' * 500)[::100])
