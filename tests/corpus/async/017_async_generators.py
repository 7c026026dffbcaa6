# expect: ok
# async generators: async for, __anext__, asend, athrow, aclose and their errors
import asyncio

async def ticker(n, delay):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            x = yield i
            if x is not None:
                print("sent", x)
    finally:
        print("ticker finally")

async def agen_ret():
    yield 1
    return

async def main():
    async for v in ticker(3, 0.1):
        print("tick", v)
    ag = ticker(5, 0)
    print(await ag.__anext__())
    print(await ag.asend("hello"))
    try:
        await ag.athrow(ValueError("boom"))
    except ValueError as e:
        print("athrow raised", e)
    try:
        await ag.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    ag = ticker(5, 0)
    print(await ag.__anext__())
    print(await ag.aclose())
    print(type(ag).__name__, repr(ag)[:33])
    ag = agen_ret()
    async for v in ag:
        print("v", v)
    ag = ticker(3, 0)
    async for v in ag:
        if v == 1:
            break
    await ag.aclose()
    aw = ag.__anext__()
    try:
        await aw
    except StopAsyncIteration:
        print("closed gen: StopAsyncIteration")
    try:
        await aw
    except RuntimeError as e:
        print(e)

result = asyncio.run(main())


async def raises_sai():
    yield 1
    raise StopAsyncIteration


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


async def errors():
    ag = raises_sai()
    await ag.__anext__()
    try:
        await ag.__anext__()
    except RuntimeError as e:
        print(e, type(e.__cause__).__name__)
    ag = stubborn()
    await ag.__anext__()
    try:
        await ag.aclose()
    except RuntimeError as e:
        print(e)
    ag = ticker(2, 0)
    try:
        await ag.asend(5)
    except TypeError as e:
        print(e)
    ag = ticker(2, 0)
    try:
        await ag.athrow(KeyError("early"))
    except KeyError as e:
        print("early athrow", repr(e))
    print(ag.ag_running, ag.ag_await, ag.__name__)


result = asyncio.run(errors())
