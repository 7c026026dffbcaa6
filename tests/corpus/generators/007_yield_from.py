# expect: StopIteration
def inner(n):
    total = 0
    for i in range(n):
        x = yield i
        if x is not None:
            total += x
    return total

def outer():
    r = yield from inner(3)
    print("inner returned", r)
    r2 = yield from [7, 8]
    print("list gives", r2)
    r3 = yield from (c for c in "ab")
    print("genexpr gives", r3)
    return "outer done"

print(list(outer()))
o = outer()
print(next(o), o.send(10), o.send(20))
try:
    while True:
        print("v", o.send(None))
except StopIteration as e:
    print("stop", e.value)

# throw and close delegate to the sub-generator
def sub():
    try:
        yield 1
        yield 2
    except KeyError as e:
        print("sub caught", repr(e))
        yield "sub handled"
    finally:
        print("sub finally")

def deleg():
    try:
        res = yield from sub()
        print("res", res)
        yield "after"
    finally:
        print("deleg finally")

d = deleg()
print(next(d))
print(d.throw(KeyError("k")))
print(next(d))
print(next(d))
d.close()

d = deleg()
next(d)
try:
    d.throw(IndexError("i"))
except IndexError as e:
    print("propagated", e)

d = deleg()
next(d)
d.close()
print("closed")

# the sub-generator returns in response to a throw
def sub_ret():
    try:
        yield 1
    except KeyError:
        return "from throw"
def deleg2():
    v = yield from sub_ret()
    yield "got " + v
d = deleg2()
next(d)
print(d.throw(KeyError))

# yield from a non-generator iterator: throw goes to the delegator
def deleg3():
    try:
        yield from iter([1, 2, 3])
    except ValueError:
        yield "delegator caught"
d = deleg3()
next(d)
print(d.throw(ValueError))

# sending non-None into a plain iterator
def deleg4():
    yield from [1, 2]
d = deleg4()
next(d)
try:
    d.send(5)
except AttributeError as e:
    print("AttributeError:", e)

# deep chains
def chain(n):
    if n == 0:
        yield "bottom"
        return 0
    r = yield from chain(n - 1)
    return r + 1
c = chain(300)
print(next(c))
try:
    next(c)
except StopIteration as e:
    print(e.value)
print(list(chain(200)))

def not_iterable():
    yield from 5
try:
    list(not_iterable())
except TypeError as e:
    print("TypeError:", e)

def send_to_fresh():
    yield from fresh
fresh = inner(2)
s = send_to_fresh()
print(next(s))
