# expect: StopIteration
def g():
    x = yield 1
    yield x

it = g()
try:
    it.send(5)
except TypeError as e:
    print("TypeError:", e)
print(it.send(None))
print(it.send(5))
for call in ["send()", "send(1, 2)", "send(a=1)", "close(1)", "throw()", "throw(1)",
             "throw(ValueError, 1, 2)", "throw(ValueError(), 1)"]:
    gen = g()
    next(gen)
    try:
        if call == "send()":
            gen.send()
        elif call == "send(1, 2)":
            gen.send(1, 2)
        elif call == "send(a=1)":
            gen.send(a=1)
        elif call == "close(1)":
            gen.close(1)
        elif call == "throw()":
            gen.throw()
        elif call == "throw(1)":
            gen.throw(1)
        elif call == "throw(ValueError, 1, 2)":
            gen.throw(ValueError, 1, 2)
        else:
            gen.throw(ValueError(), 1)
    except TypeError as e:
        print(call, "->", e)

def running():
    yield me.send(None)
me = running()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

def running2():
    yield next(me2)
me2 = running2()
try:
    next(me2)
except ValueError as e:
    print("ValueError:", e)

def running3():
    for x in me3:
        yield x
me3 = running3()
try:
    next(me3)
except ValueError as e:
    print("ValueError:", e)
print(list(me3))
it = g()
print(list(it), list(it))
next(it, None)
it.close()
try:
    it.send(1)
except StopIteration as e:
    print("closed send", e.args)
it = g()
next(it)
it.send(42)
it = g()
it.send(None)
it.send(None)
x = it.send(None)
