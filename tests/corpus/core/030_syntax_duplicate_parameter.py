# expect: SyntaxError
def f(a, a):
    return a
