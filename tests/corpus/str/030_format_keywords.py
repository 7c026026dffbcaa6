# expect: ok
print('{name} is {age}'.format(name='Bob', age=30))
print('{a}{b}{a}'.format(a='x', b='y'))
print('{0} and {x}'.format(1, x=2))
d = {'k': 'v', 'n': 3}
print('{k}={n}'.format(**d))
print('{k}/{n}'.format_map(d))
