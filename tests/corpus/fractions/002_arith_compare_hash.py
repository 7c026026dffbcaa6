# expect: ZeroDivisionError: integer division or modulo by zero
import math
from fractions import Fraction as F

x = F(1, 3)
print(x + 1, x * 0.5, x ** 2, x ** -2, 2 ** x, x ** F(2), F(4) ** F(1, 2), x // F(1, 7), x % F(1, 7), divmod(x, F(1, 7)))
print(-x, abs(-x), +x, round(F(7, 2)), round(F(5, 2)), round(F(-5, 2)), round(x, 2), round(F(12345, 7), -2), math.floor(-x), math.ceil(x), int(F(-7, 2)), math.trunc(F(7, 2)), float(x))
print(x < 0.5, x == F(2, 6), x != 1, 1 / x, 0.5 - x, 3 % x, -3 // x, divmod(7, F(2, 3)), F(-7, 2) % 2, F(7, 2) % -2)
print(hash(F(1, 2)) == hash(0.5), hash(F(5)) == hash(5), hash(x), hash(F(-1)), hash(F(-1, 3)), hash(F(10**20, 3)), hash(F(1, 2**61 - 1)))
print(F(1, 2) == 0.5, F(1, 2) < float('inf'), F(1, 2) == float('nan'), F(1, 2) > float('-inf'), sorted([F(1, 2), 0.3, 1, F(-1, 4)]), max(F(1, 3), F(1, 4)))
print(sum([F(1, 3)] * 3), F(2, 3) * 3, 3 * F(2, 3), F(7, 3) // 2, 7 // F(2, 3), F(1, 3) ** 0.5, F(1, 2) + True, 2.0 ** F(1, 2), F(-1, 3) ** -3, F(-2, 3) ** 3)
print(bool(F(0)), bool(F(1, 9)), F(1, 3) == 1 / 3, F(1, 2) <= F(1, 2), F(2) >= 2, {F(1, 2): 'half'}[0.5], F(3) == 3, 3 == F(3), 0.25 in [F(1, 4)])
print(f'{x}', format(x), str(F(-3, 1)), [F(1, 2)], (F(1, 2),), F(10**40 + 1, 10**20), float(F(10**400, 3**800)))
for a, b in [(x, 'a'), (x, None), (x, [1])]:
    try:
        a + b
    except TypeError as e:
        print(e)
try:
    x < 'a'
except TypeError as e:
    print(e)
for fn in [lambda: F(0) ** -1, lambda: x / 0, lambda: x / F(0), lambda: format(x, '.2f')]:
    try:
        fn()
    except (ZeroDivisionError, TypeError) as e:
        print(type(e).__name__, e)
print(x // 0)
