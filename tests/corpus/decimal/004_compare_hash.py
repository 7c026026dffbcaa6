# expect: ok
from decimal import Decimal as D
print(D(1) == 1, D(1) < 2, D('1.0') == D(1), D(1) == 1.0, D('0.1') == 0.1, D('0.5') == 0.5)
print(D('nan') == D('nan'), D('nan') != D('nan'), D(1) != 'a', D(1) == 'a', 1 < D(2), D(3) > 2.5)
print(max(D(1), D('1.0')), min(D(3), 2), sorted([D(2), 1, D('0.5'), D('-1e10')]))
print(D(2) >= D('2.00'), D('-0') == D('0'), D('inf') > 10 ** 100, D('-inf') < -10 ** 100)
print(hash(D('1.5')) == hash(1.5), hash(D(10 ** 30)) == hash(10 ** 30), hash(D('1e30')))
print(hash(D('inf')), hash(D('-inf')), hash(D('-0.5')), hash(D(-1)), hash(D('1E-100')), hash(D('0.1')))
print({D('1.0'): 'a'}[1], D(2) in {2, 3}, len({D('1'), D('1.00'), 1, 1.0}))
print(bool(D(0)), bool(D('0E+5')), bool(D('nan')), bool(D('-0.001')))
try:
    D(1) < 'a'
except TypeError as e:
    print(e)
try:
    hash(D('snan'))
except TypeError as e:
    print(e)
print(D(1).compare(2), D(2).compare(D('2.0')), D(1).compare(D('nan')), D('1.0').compare_total(D('1.00')))
print(D(-1).compare_total(D(1)), D('nan').compare_total(D('inf')), D('-2').compare_total_mag(D(1)))
print(D(1).max(D('nan')), D(1).min(2), D('1.0').max(D('1.00')), D('-3').max_mag(D(2)), D(-3).min_mag(2))
