# expect: SyntaxError
def f(y):
    return [x async for x in y]
