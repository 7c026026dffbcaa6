# expect: ok
# getattr/hasattr, module-level __name__
import math

if __name__ == "__main__":
    print("running as", __name__)


def who():
    return __name__


print(who(), repr(__name__))
print(getattr(math, "pi"), getattr(math, "nope", None), hasattr(math, "tau"), hasattr(math, "nope"))
print(getattr([], "append")([1]), getattr(range(3, 9), "stop"), hasattr("x", "upper"), hasattr(1, "upper"))
print(getattr(ValueError("m"), "args"), hasattr(StopIteration(1), "value"))
for args in [(), (1,), (1, 2), (1, "x", 2, 3)]:
    try:
        getattr(*args)
    except TypeError as e:
        print("TypeError:", e)
for args in [(1,), (1, 2), (1, "a", 3)]:
    try:
        hasattr(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    getattr(1, "nope")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(1, "x", y=2)
except TypeError as e:
    print("TypeError:", e)
print(getattr(1, "real", 0) == 1 or True)
for a in [(1, int), (int, 1), (int, (int, 1)), (bool, (str, (int,))), (int,), (bool, int),
          (int, bool), (KeyError, LookupError), (TimeoutError, (ValueError, OSError))]:
    try:
        print(issubclass(*a))
    except TypeError as e:
        print("TypeError:", e)
