# expect: ok
print(repr(5), str(-17), repr(2 ** 80), str(0))
print(str(10 ** 25), repr(-10 ** 25))
print(repr(True), str(False), repr(None), str(None))
