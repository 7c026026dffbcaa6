# expect: ok
import asyncio

async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return name * n

async def slow(x, d):
    await asyncio.sleep(d)
    print("slow", x)
    return x

async def boom():
    await asyncio.sleep(0.01)
    raise ValueError("boom")

async def main():
    r = await asyncio.gather(worker("a", 3), worker("b", 2), worker("c", 1))
    print(r)
    print(await asyncio.gather(slow(1, 0.3), slow(2, 0.1), slow(3, 0.2)))
    print(await asyncio.gather(slow(1, 0.1), boom(), return_exceptions=True))
    try:
        await asyncio.gather(slow(1, 0.1), boom())
    except ValueError as e:
        print("caught", e)
    t = asyncio.create_task(slow("t", 1))
    await asyncio.sleep(0)
    print(t.done(), t.cancel(), t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled")
    print(t.cancelled())
    try:
        await asyncio.wait_for(slow("w", 5), timeout=1)
    except asyncio.TimeoutError:
        print("timeout")
    print(await asyncio.wait_for(slow("w2", 0.5), timeout=1))
    q = asyncio.Queue()
    async def prod():
        for i in range(3):
            await q.put(i)
            print("put", i)
        await q.put(None)
    async def cons():
        while True:
            x = await q.get()
            print("got", x)
            if x is None:
                return
    await asyncio.gather(prod(), cons())
    ev = asyncio.Event()
    async def waiter(i):
        await ev.wait()
        print("woke", i)
    ts = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    ev.set()
    await asyncio.gather(*ts)
    lock = asyncio.Lock()
    async def locked(i):
        async with lock:
            print("in", i)
            await asyncio.sleep(0.1)
            print("out", i)
    await asyncio.gather(locked(1), locked(2))
    c = worker('z', 0)
    print(asyncio.iscoroutine(c), asyncio.iscoroutine(1), asyncio.iscoroutinefunction(main), asyncio.iscoroutinefunction(print))
    await c
    return "end"

print(asyncio.run(main()))
