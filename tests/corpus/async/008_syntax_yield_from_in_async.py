# expect: SyntaxError
async def f(x):
    yield from x
