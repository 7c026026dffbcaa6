# expect: ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit
try:
    print('a', 'b', 10 ** 5000, 'never')
except ValueError as e:
    print()
    print('caught', type(e).__name__)
try:
    print(1, [2, 10 ** 5000], sep='--', end='!')
except ValueError:
    print('|caught list')
print('x', 'y', 10 ** 4400, sep=', ')
