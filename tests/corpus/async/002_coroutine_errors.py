# expect: ok
# coroutine objects driven by hand: send/throw/close and their errors
class Y:
    def __await__(self):
        x = yield 1
        return x


async def f():
    return 1


async def g():
    try:
        v = await Y()
        print("got", v)
    except KeyError as e:
        print("caught", repr(e))
        v = await Y()
    finally:
        print("finally")
    return v


c = f()
print(c.__name__, c.__qualname__, c.cr_running, c.cr_suspended, c.cr_await, c.cr_origin)
try:
    c.send(1)
except TypeError as e:
    print(e)
try:
    c.send(None)
except StopIteration as e:
    print("stop", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print(e)
c = f()


def loop_over(x):
    for _ in x:
        pass


for name, op in (("next", next), ("iter", iter), ("for", loop_over)):
    try:
        op(c)
    except TypeError as e:
        print(name, e)
c.close()

c = g()
print(c.send(None))
print(c.cr_suspended, type(c.cr_await).__name__)
print(c.throw(KeyError("k")))
try:
    c.send(7)
except StopIteration as e:
    print("stop", e.value)

c = g()
c.send(None)
c.close()
print(c.cr_suspended)


async def ignore():
    try:
        await Y()
    except GeneratorExit:
        pass
    await Y()


c = ignore()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print(e)


async def raises_stop():
    raise StopIteration(3)


try:
    raises_stop().send(None)
except RuntimeError as e:
    print(e, repr(e.__cause__))


async def await_twice():
    c = f()
    print(await c)
    await c


try:
    await_twice().send(None)
except RuntimeError as e:
    print(e)


async def not_awaitable(x):
    await x


class E:
    def __await__(self):
        return 1


for x in [1, None, "s", E()]:
    try:
        not_awaitable(x).send(None)
    except TypeError as e:
        print(e)
