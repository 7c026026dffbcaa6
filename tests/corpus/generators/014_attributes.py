# expect: ok
def gen():
    yield gi.gi_running
    yield gi.gi_suspended

gi = gen()
print(gi.__name__, gi.__qualname__, gi.gi_running, gi.gi_suspended, gi.gi_yieldfrom)
print(next(gi), next(gi), gi.gi_suspended)
print(list(gi), gi.gi_running, gi.gi_suspended)

def outer():
    def inner():
        yield 1
    return inner()
i = outer()
print(i.__name__, i.__qualname__)
g = (x for x in [1])
print(g.__name__, g.__qualname__)

def deleg():
    yield from sub
sub = gen()
gi = sub
d = deleg()
print(d.gi_yieldfrom)
print(next(d), d.gi_yieldfrom is sub)
d.close()
print(d.gi_yieldfrom)
try:
    gi.gi_frame_x
except AttributeError as e:
    print(e)
try:
    gi.sen
except AttributeError as e:
    print(e)
try:
    gi.send = 1
except AttributeError as e:
    print("AttributeError")
