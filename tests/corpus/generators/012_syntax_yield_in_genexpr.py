# expect: SyntaxError
def f():
    return ((yield) for x in range(3))
