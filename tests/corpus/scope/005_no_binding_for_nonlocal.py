# expect: SyntaxError: no binding for nonlocal 'y' found
def f():
    x = 1
    def g():
        nonlocal x, y
