# expect: SyntaxError
def f():
    from keyword import *
