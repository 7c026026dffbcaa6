# expect: IndexError: unknown group name 'zz'
import re

for t in [r'\2', r'\g<x>', r'\g<1', r'\g', r'\g<>', r'\g<1x>', r'\q', 'x\\', r'\g<3>', r'\777']:
    try:
        print(re.sub('(a)', t, 'a'))
    except re.error as e:
        print(repr(t), 'error:', e)
    except Exception as e:
        print(repr(t), type(e).__name__, e)
for args in [('a', b'x', 'a'), (b'a', 'x', b'a'), ('a', 'x', b'a'), ('a', 'x', 5), (5, 'x', 'a')]:
    try:
        print(re.sub(*args))
    except TypeError as e:
        print('TypeError', e)
try:
    re.sub('a', lambda m: 1, 'xab')
except TypeError as e:
    print('TypeError', e)
m = re.match('(a)(b)?', 'a')
for g in [3, -1, 'x', 1.0, None]:
    try:
        print(m.group(g))
    except IndexError as e:
        print('IndexError', e)
try:
    m.start(5)
except IndexError as e:
    print('IndexError', e)
try:
    re.compile('a').match()
except TypeError as e:
    print('TypeError', e)
try:
    re.compile('a').match('a', 'b')
except TypeError as e:
    print('TypeError', e)
try:
    re.compile('a').match('a', x=1)
except TypeError as e:
    print('TypeError', e)
_ = re.sub('(a)', r'\g<zz>', 'a')
