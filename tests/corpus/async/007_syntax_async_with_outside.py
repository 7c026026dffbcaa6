# expect: SyntaxError
def f(m):
    async with m:
        pass
