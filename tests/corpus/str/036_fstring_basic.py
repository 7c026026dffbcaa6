# expect: ok
name = 'World'
n = 42
x = 3.14159
print(f'Hello, {name}!')
print(f'{n} {n + 1} {n * 2}')
print(f'{name!r} {name!s} {"é"!a}')
print(f'{{literal}} {n}')
print(f'{name.upper()} {len(name)}')
print(f'{[1, 2]} {(1,)} {None}')
