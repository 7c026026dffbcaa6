# expect: ok
for ch in 'abc':
    print(ch)
for ch in 'é😀x':
    print(ch, len(ch))
print(list('hello'))
print(tuple('ab'))
print(sorted('banana'))
print(min('hello'), max('hello'))
n = 0
for c in 'mississippi':
    if c == 's':
        n += 1
print(n)
