# expect: SyntaxError
def f():
    print(yield)
