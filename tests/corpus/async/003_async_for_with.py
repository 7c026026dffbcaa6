# expect: ok
# async for / async with over script-level protocols
class Ticker:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.i += 1
        if self.i > self.n:
            raise StopAsyncIteration
        return self.i


class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None, v)
        return self.suppress


async def main():
    total = 0
    async for x in Ticker(4):
        if x == 2:
            continue
        total += x
    else:
        print("else", total)
    async for x in Ticker(10):
        if x == 3:
            break
    print("broke at", x)
    async for a in Ticker(0):
        print("never")
    else:
        print("empty else")
    async with CM("a") as a, CM("b") as b:
        print("body", a, b)
    async with CM("s", suppress=True):
        raise ValueError("swallowed")
    try:
        async with CM("r"):
            raise KeyError("kept")
    except KeyError as e:
        print("outer", repr(e))
    for i in range(3):
        async with CM("loop%d" % i):
            if i == 1:
                break
    return await inner()


async def inner():
    async with CM("ret"):
        return "returned"


c = main()
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)


class NoAiter:
    pass


class BadAiter:
    def __aiter__(self):
        return 1


class BadAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 1


class OnlyEnter:
    async def __aenter__(self):
        return 1


class SyncEnter:
    def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 1


async def use_for(x):
    async for _ in x:
        pass


async def use_with(x):
    async with x:
        pass


for x in [1, NoAiter(), BadAiter(), BadAnext()]:
    try:
        use_for(x).send(None)
    except TypeError as e:
        print(e)
for x in [1, NoAiter(), OnlyEnter(), SyncEnter()]:
    try:
        use_with(x).send(None)
    except TypeError as e:
        print(e)
