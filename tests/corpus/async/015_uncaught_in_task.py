# expect: ValueError: bad value 3
# an exception escaping the main coroutine ends asyncio.run with it
import asyncio


async def check(x):
    await asyncio.sleep(0.1 * x)
    if x == 3:
        raise ValueError("bad value %d" % x)
    print("checked", x)
    return x


async def main():
    print("start")
    await asyncio.gather(*(check(i) for i in range(5)))
    print("unreachable")


result = asyncio.run(main())
