# expect: ok
import re

print(re.findall(r'\d+', 'a1b22c333'))
print(re.findall(r'(\w)(\d)', 'a1b2c'))
print(re.findall(r'(\w)\d', 'a1b2c'))
print(re.findall(r'(a)|(b)', 'ab'))
print(re.findall(r'x*', 'axxb'))
print(re.findall(r'\b\w', 'hello big world'))
print(re.findall(r'', 'abc'))
print(re.findall(r'a|', 'bab'))
print([m.span() for m in re.finditer(r'\w+', 'one two  three')])
print([m.group() for m in re.finditer(r'x*', 'axxb')])
it = re.finditer('a', 'aa')
print(type(it).__name__, next(it), next(it))
try:
    next(it)
except StopIteration:
    print('done')
p = re.compile(r'o')
print(p.findall('foo boo', 3), p.findall('foo boo', 0, 3), [m.start() for m in p.finditer('foo boo', 2, 6)])
print(re.findall(r'(?i)ab', 'AB ab Ab aB'))
print(re.findall(r'^\w+', 'one\ntwo\nthree', re.M))
print(re.findall(r'\w+$', 'one\ntwo\nthree\n'))
print(re.findall(r'.', 'a\nb'), re.findall(r'.', 'a\nb', re.S))
