# expect: ok
rows = [('apple', 1.5, 3), ('banana', 0.25, 12), ('cherry', 10.0, 1)]
print(f"{'name':<10}|{'price':>8}|{'qty':>4}")
print('-' * 24)
for name, price, qty in rows:
    print(f'{name:<10}|{price:>8.2f}|{qty:>4d}')
print('%-10s|%8.2f|%4d' % rows[0])
print('{:<10}|{:>8.2f}|{:>4d}'.format(*rows[1]))
