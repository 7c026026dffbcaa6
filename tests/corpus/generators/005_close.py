# expect: ok
def g(tag):
    try:
        yield 1
        yield 2
    finally:
        print("finally", tag)

it = g("close")
next(it)
print(it.close())
print(it.close())
print(list(it))

it = g("fresh")
it.close()  # just started: nothing runs
print(list(it))

def catch_exit():
    try:
        yield 1
    except GeneratorExit as e:
        print("GeneratorExit", repr(e), e.args)
        raise
it = catch_exit()
next(it)
it.close()

def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"
it = returns_on_exit()
next(it)
print(it.close())

def raises_other():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("from close")
it = raises_other()
next(it)
try:
    it.close()
except ValueError as e:
    print("ValueError", e, type(e.__context__).__name__)

def stop_on_exit():
    try:
        yield 1
    finally:
        return
it = stop_on_exit()
next(it)
print(it.close())

# break out of a consuming loop: the generator is closed when released
def loop():
    try:
        for i in range(10):
            yield i
    finally:
        print("loop finally")
for x in loop():
    if x == 2:
        break
print("after break")

def f():
    for x in loop():
        if x == 1:
            return x
print(f())

it = loop()
next(it)
del it
print("after del")

it = loop()
next(it)
it = None
print("after rebind")

def ignores_once():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring")
    yield 2
it = ignores_once()
next(it)
try:
    it.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(it, "exhausted"))

# close() of a generator that is running
def closes_itself():
    yield me.close()
me = closes_itself()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

# finally blocks run in order on every exit
def order(tag):
    try:
        try:
            yield 1
        finally:
            print(tag, "inner finally")
    finally:
        print(tag, "outer finally")
for how in ["close", "throw", "exhaust", "break", "del"]:
    it = order(how)
    next(it)
    if how == "close":
        it.close()
    elif how == "throw":
        try:
            it.throw(ValueError)
        except ValueError:
            print("throw propagated")
    elif how == "exhaust":
        print(list(it))
    elif how == "break":
        for x in it:
            break
        it = None
    else:
        del it
    print("--")
