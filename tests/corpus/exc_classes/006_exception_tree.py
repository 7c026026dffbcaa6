# expect: ok
class MyLookup(LookupError):
    pass
class MyKey(KeyError):
    pass
for cls in (MyLookup, MyKey):
    try:
        raise cls("x")
    except LookupError as e:
        print(cls.__name__, "is LookupError", repr(e), str(e))
try:
    raise MyKey("k")
except KeyError as e:
    print("KeyError str", e)
class MyBase(BaseException):
    pass
try:
    try:
        raise MyBase("b")
    except Exception:
        print("wrong")
except BaseException as e:
    print("base", e)
class MyStop(StopIteration):
    pass
print(MyStop(5).value if hasattr(MyStop(5), "value") else None)
class MyOS(OSError):
    pass
print(repr(MyOS(2, "No such")), str(MyOS(2, "No such")))
