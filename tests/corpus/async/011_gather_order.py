# expect: ok
# the interleaving of tasks: CPython's FIFO ready queue, batches, callbacks
import asyncio

log = []


async def step(name, n):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)
    return name


async def nested(name):
    r = await asyncio.gather(step(name + "x", 2), step(name + "y", 1))
    log.append("nested " + name)
    return r


async def timed(name, d):
    await asyncio.sleep(d)
    log.append("t " + name)
    return d


async def main():
    t1 = asyncio.create_task(step("A", 3))
    t2 = asyncio.create_task(step("B", 2))
    log.append("created")
    r = await asyncio.gather(step("C", 2), nested("N"), t1, t2, t1)
    log.append(repr(r))
    r = await asyncio.gather(timed("a", 0.3), timed("b", 0.1), timed("c", 0.2), timed("d", 0.1))
    log.append(repr(r))
    print(await asyncio.gather())
    done_cb = []
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(lambda f: done_cb.append(("cb1", f.result())))
    fut.add_done_callback(lambda f: done_cb.append(("cb2", f.result())))
    asyncio.get_running_loop().call_soon(fut.set_result, 42)
    print(await fut, done_cb)
    await asyncio.sleep(0)
    print(done_cb)
    print(fut.done(), fut.cancelled(), fut.result(), fut.exception())
    print(asyncio.current_task().get_name() != "", len(asyncio.all_tasks()))


asyncio.run(main())
print("\n".join(log))
