# expect: ok
print(repr("abc"), repr('it'), repr(""))
print(repr(1), repr(1.0), repr(-2.5e-9), repr(None), repr(False))
print(str(3), str(3.0), str(True))
