# expect: ok
# wait_for: result in time, TimeoutError, the inner task cancelled
import asyncio


async def work(d, v):
    try:
        await asyncio.sleep(d)
    finally:
        print("work", v, "leaves")
    return v


async def main():
    print(await asyncio.wait_for(work(0.1, "fast"), timeout=1))
    try:
        await asyncio.wait_for(work(5, "slow"), timeout=0.5)
    except asyncio.TimeoutError as e:
        print("timeout", type(e).__name__, type(e.__cause__).__name__)
    except TimeoutError:
        print("builtin")
    print(await asyncio.wait_for(work(0, "none"), None))
    try:
        await asyncio.wait_for(work(1, "zero"), 0)
    except TimeoutError:
        print("zero timeout")
    print(asyncio.TimeoutError is TimeoutError)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.sleep(3)
    print(round(loop.time() - t0) >= 3)
    done, pending = await asyncio.wait([asyncio.create_task(work(0.1, "w1")),
                                        asyncio.create_task(work(0.5, "w2"))],
                                       return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    for t in pending:
        t.cancel()
    await asyncio.sleep(0)
    for coro in asyncio.as_completed([work(0.3, "c1"), work(0.1, "c2"), work(0.2, "c3")]):
        print("as_completed", await coro)
    shielded = asyncio.shield(work(0.2, "shielded"))
    try:
        await asyncio.wait_for(shielded, 0.1)
    except TimeoutError:
        print("shield timed out")
    await asyncio.sleep(0.5)


result = asyncio.run(main())
