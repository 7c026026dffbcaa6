# expect: TypeError: uncaught
def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught", repr(e))
        yield "handled"
    finally:
        print("finally")

it = g()
print(next(it))
print(it.throw(ValueError))
print(next(it, "end"))

it = g()
next(it)
print(it.throw(ValueError("inst")))
it.close()

it = g()
next(it)
print(it.throw(ValueError, "val"))
it.close()

it = g()
next(it)
print(it.throw(ValueError, ("a", "b")))
it.close()

it = g()
next(it)
print(it.throw(ValueError, ValueError("same")))
it.close()

it = g()
next(it)
print(it.throw(ValueError, None, None))
it.close()

it = g()
next(it)
try:
    it.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
try:
    next(it)
except StopIteration:
    print("exhausted after throw")

# throw into a just-started generator: nothing runs
it = g()
try:
    it.throw(ValueError("early"))
except ValueError as e:
    print("early:", e)
print(list(it))

# throw into an exhausted generator raises the exception
it = g()
list(it)
try:
    it.throw(IndexError("late"))
except IndexError as e:
    print("late:", e)

# a throw that makes the generator return
def r():
    try:
        yield 1
    except ValueError:
        return "ret"
it = r()
next(it)
try:
    it.throw(ValueError)
except StopIteration as e:
    print("StopIteration", e.value)

# context inside the generator
def ctx():
    try:
        raise KeyError("inner")
    except KeyError:
        yield 1
it = ctx()
next(it)
try:
    it.throw(ValueError("thrown"))
except ValueError as e:
    print(repr(e), repr(e.__context__))

it = g()
next(it)
x = it.throw(TypeError("uncaught"))
