# expect: ok
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, typ, val, tb):
        print("exit sees", typ.__name__ if typ else None, repr(val))
        return typ is not None and issubclass(typ, self.types)
with Suppress(ZeroDivisionError):
    1 / 0
print("after suppressed")
try:
    with Suppress(KeyError):
        [][1]
except IndexError as e:
    print("re-raised", e)
def f():
    with Suppress(ValueError):
        raise ValueError("inside f")
    return "f returned normally"
print(f())
class Truthy:
    def __enter__(self): return self
    def __exit__(self, *a): return 1
with Truthy():
    raise RuntimeError("swallowed by a truthy int")
print("ok")
