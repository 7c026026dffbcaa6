# expect: ok
# exceptions through gather, return_exceptions, cancellation of tasks and gathers
import asyncio


async def fail(msg, d=0):
    await asyncio.sleep(d)
    raise ValueError(msg)


async def ok(v, d=0):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("ok cancelled", v)
        raise
    return v


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn refuses")
    return "kept going"


async def main():
    print(await asyncio.gather(ok(1), fail("x"), ok(2), return_exceptions=True))
    try:
        await asyncio.gather(ok(1, 1), fail("first", 0.5), fail("second", 0.7))
    except ValueError as e:
        print("gather raised", e)
    await asyncio.sleep(2)
    t = asyncio.create_task(ok("t", 5))
    await asyncio.sleep(0)
    print(t.cancel("why"), t.cancel())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaited cancelled", repr(e), e.args)
    print(t.cancelled(), t.done())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result", repr(e))
    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    s.cancel()
    print(await s, s.cancelled())
    g = asyncio.gather(ok("g1", 1), ok("g2", 2))
    await asyncio.sleep(0)
    print(g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())
    g = asyncio.gather(ok("h1", 1), ok("h2", 0), return_exceptions=True)
    await asyncio.sleep(0)
    g.cancel()
    try:
        print(await g)
    except asyncio.CancelledError:
        print("gather with return_exceptions cancelled")
    f = asyncio.get_running_loop().create_future()
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        print("invalid", e)
    f.set_exception(KeyError("k"))
    print(repr(f.exception()))
    try:
        f.set_result(1)
    except asyncio.InvalidStateError:
        print("already done")
    try:
        await f
    except KeyError as e:
        print("awaited", repr(e))
    leftover = asyncio.create_task(ok("leftover", 100))
    await asyncio.sleep(0)
    return "main done"


print(asyncio.run(main()))
