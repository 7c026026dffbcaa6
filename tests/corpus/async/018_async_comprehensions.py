# expect: ok
# asynchronous comprehensions and generator expressions
import asyncio

async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i

async def double(x):
    await asyncio.sleep(0)
    return x * 2

async def main():
    print([x async for x in agen(4)])
    print([x * y async for x in agen(3) for y in range(2) if x])
    print({x: await double(x) for x in range(3)})
    print({await double(x) async for x in agen(3)})
    print([[y async for y in agen(x)] async for x in agen(3)])
    g = (await double(x) for x in range(3))
    print(type(g).__name__, [v async for v in g])
    g = (x async for x in agen(3) if x != 1)
    print([v async for v in g])
    print(sum([await double(i) for i in range(5)]))

result = asyncio.run(main())
