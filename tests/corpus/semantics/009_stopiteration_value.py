# expect: ok
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration as e:
    print(repr(e), e.value, e.args)
e = StopIteration(5)
print(e.value, e.args, repr(e), str(e))
print(StopIteration().value, StopIteration(1, 2).value)
print(next(iter([]), "default"))
try:
    raise StopIteration("done")
except StopIteration as e:
    print(e.value)
s = SystemExit(3)
print(s.code, SystemExit().code, SystemExit("a", "b").code)
