# expect: ok
# gen.throw(cls) where cls.__new__ returns something that is not an exception
class Dummy(BaseException):
    pass


class Bad(BaseException):
    def __new__(cls, *args, **kwargs):
        print("Bad.__new__", args)
        return 1


def gen():
    yield 1
    yield 2


for how in [(Bad,), (Bad, "v"), (Bad, ("a", "b"))]:
    g = gen()
    print(next(g))
    try:
        g.throw(*how)
    except BaseException as e:
        print(type(e).__name__, e.args)
    try:
        raise how[0]
    except BaseException as e:
        print("raise:", type(e).__name__, e.args)

try:
    raise Bad from ValueError
except BaseException as e:
    print("from:", type(e).__name__, e.args)
try:
    raise ValueError from Bad
except ValueError as e:
    print("cause:", repr(e.__cause__))
