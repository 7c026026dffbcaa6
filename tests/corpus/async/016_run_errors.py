# expect: RuntimeError: asyncio.run() cannot be called from a running event loop
# asyncio.run's argument checks
import asyncio


async def inner():
    return 1


async def outer():
    c = inner()
    try:
        asyncio.run(c)
    finally:
        await c
        print("closed")


try:
    asyncio.run(inner)
except ValueError as e:
    print(str(e).split(" at ")[0])
try:
    asyncio.ensure_future(1)
except TypeError as e:
    print(e)
print(asyncio.run(inner()))
result = asyncio.run(outer())
