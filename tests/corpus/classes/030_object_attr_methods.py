# expect: ok
# object.__setattr__/__delattr__/__getattribute__ called directly: argument checks and CPython's messages.
class C:
    pass
c = C()
object.__setattr__(c, "x", 1)
print(object.__getattribute__(c, "x"))
object.__delattr__(c, "x")
print(hasattr(c, "x"))
for f in (lambda: object.__setattr__(c, 1, 2), lambda: object.__setattr__(c, "x"), lambda: object.__delattr__(c),
          lambda: object.__delattr__(c, "a", "b"), lambda: object.__getattribute__(c, 5), lambda: object.__getattribute__(c, "nope"),
          lambda: object.__delattr__(c, "nope")):
    try:
        f()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
