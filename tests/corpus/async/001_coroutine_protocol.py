# expect: ok
class Sleep:
    def __await__(self):
        v = yield "sleep"
        return v
async def g(x):
    r = await Sleep()
    return x * 2 + r
async def f():
    a = await g(1)
    b = await g(a)
    return a + b
c = f()
print(type(c).__name__, repr(c)[:22])
print(c.send(None))
print(c.send(10))
try:
    c.send(100)
except StopIteration as e:
    print("done", e.value)
class AI:
    def __init__(self): self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.i += 1
        if self.i > 3: raise StopAsyncIteration
        return self.i
class CM:
    async def __aenter__(self): print("enter"); return 5
    async def __aexit__(self, *a): print("exit", a[0]); return True
async def h():
    async for x in AI():
        print("x", x)
    else:
        print("else")
    async with CM() as v:
        print("v", v)
        raise ValueError
    async with CM() as v:
        return v
c = h()
try: c.send(None)
except StopIteration as e: print("ret", e.value)
async def bad():
    await 1
try: bad().send(None)
except TypeError as e: print(e)
