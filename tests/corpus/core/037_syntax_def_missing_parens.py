# expect: SyntaxError
def f:
    return 1
