# expect: TypeError: WithInit.__init__() got multiple values for argument 'y'
class NoInit:
    pass
class WithInit:
    def __init__(self, x, y=2):
        self.x = x
class BadReturn:
    def __init__(self):
        return 42
class NewOnly:
    def __new__(cls, *args):
        obj = super().__new__(cls)
        obj.args = args
        return obj
class NewOther:
    def __new__(cls):
        return 7
cases = [
    lambda: NoInit(1),
    lambda: NoInit(x=1),
    lambda: WithInit(),
    lambda: WithInit(1, 2, 3),
    lambda: WithInit(1, z=3),
    lambda: BadReturn(),
    lambda: object(1),
]
for c in cases:
    try:
        c()
    except TypeError as e:
        print(e)
print(NewOnly(1, 2).args, NewOther())
print(WithInit(5).x, WithInit(x=6).x)
o = object()
print(type(o).__name__, isinstance(o, object))
class M:
    def f(self):
        return 1
try:
    M.f()
except TypeError as e:
    print(e)
try:
    M().f(1)
except TypeError as e:
    print(e)
x = WithInit(1, 2, y=3)
