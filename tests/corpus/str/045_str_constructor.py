# expect: ok
print(str(), str(''), str('abc'))
print(str(42), str(-1.5), str(None), str(True), str([1, 'a']), str((1,)))
print(str(object='kw'), str(2**100))
print(repr(str(1e100)), repr(str(0.1)))
print(type(str(5)) == str, type('x'))
