# expect: ok
class MyError(Exception):
    pass
try:
    raise MyError("boom")
except MyError as e:
    print("caught", e, repr(e), e.args, type(e).__name__, isinstance(e, Exception))
try:
    raise MyError
except Exception as e:
    print("by base", repr(e), e.args, str(e) == "")
class Sub(MyError):
    pass
try:
    raise Sub(1, 2)
except MyError as e:
    print(type(e).__name__, e, e.args)
print(issubclass(Sub, MyError), issubclass(Sub, Exception), issubclass(MyError, ValueError))
