# expect: Second: two
class First(Exception):
    pass
class Second(Exception):
    pass
print("x")
try:
    raise First("one")
except First:
    raise Second("two")
