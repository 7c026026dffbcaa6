# expect: ok
def f(kind):
    try:
        if kind == 'zero':
            1 / 0
        elif kind == 'key':
            {}['missing']
        else:
            raise ValueError('bad ' + kind)
    finally:
        return 'swallowed ' + kind
print(f('zero'))
print(f('key'))
print(f('value'))
