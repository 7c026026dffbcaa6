# expect: ok
import keyword
print(keyword.__name__, type(keyword).__name__)
keyword.extra = 42
print(keyword.extra)
del keyword.extra
print(hasattr(keyword, "extra"))
saved = keyword.kwlist
keyword.kwlist = ["x"]
import keyword as again
print(again.kwlist)
keyword.kwlist = saved
print(getattr(keyword, "nope", "default"))
try:
    keyword.nope
except AttributeError as e:
    print(e)
try:
    del keyword.nope
except AttributeError as e:
    print(e)
