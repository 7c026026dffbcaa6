# expect: ok
# producer/consumer with a bounded queue, Lock, Event, Semaphore
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, q.qsize())
    await q.join()
    print("all done")


async def consumer(q, name):
    while True:
        item = await q.get()
        print(name, "got", item)
        await asyncio.sleep(0.1)
        q.task_done()


async def limited(sem, i, log):
    async with sem:
        log.append(("in", i))
        await asyncio.sleep(0.1)
        log.append(("out", i))


async def main():
    q = asyncio.Queue(maxsize=2)
    workers = [asyncio.create_task(consumer(q, "c%d" % i)) for i in range(2)]
    await producer(q, 5)
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")
    q2 = asyncio.Queue(1)
    q2.put_nowait("x")
    try:
        q2.put_nowait("y")
    except asyncio.QueueFull:
        print("full", q2.full(), q2.maxsize)
    sem = asyncio.Semaphore(2)
    log = []
    await asyncio.gather(*(limited(sem, i, log) for i in range(4)))
    print(log)
    lock = asyncio.Lock()
    print(lock.locked())
    await lock.acquire()
    print(lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print(e)
    ev = asyncio.Event()
    print(ev.is_set())
    asyncio.get_running_loop().call_later(0.2, ev.set)
    print(await ev.wait(), ev.is_set())
    ev.clear()
    print(ev.is_set())


result = asyncio.run(main())
