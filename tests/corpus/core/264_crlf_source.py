# expect: ok
# CRLF line ends, as CPython reads them (also inside strings).
x = 1
if x:
    print("one")
s = """a
b"""
print(repr(s))
