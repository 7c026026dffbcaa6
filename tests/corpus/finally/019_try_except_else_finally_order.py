# expect: ok
def f(x):
    out = []
    try:
        out.append('try')
        r = 10 // x
    except ZeroDivisionError:
        out.append('except')
    else:
        out.append('else %d' % r)
    finally:
        out.append('finally')
    return out
print(f(2))
print(f(0))
def g(x):
    try:
        pass
    except Exception:
        return 'except'
    else:
        if x:
            return 'else'
    finally:
        print('g finally', x)
    return 'end'
print(g(1), g(0))
