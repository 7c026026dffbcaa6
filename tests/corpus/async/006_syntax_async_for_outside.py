# expect: SyntaxError
async def f(y):
    x = 0
    async for i in y:
        x += i
    return x


async for i in f:
    pass
