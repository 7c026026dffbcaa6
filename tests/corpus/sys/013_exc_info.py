# expect: ok
# sys.exc_info() and sys.exception(): the exception being handled, in
# handlers, nested handlers, after them, in generators and in functions
# called from a handler (pyexpr has no traceback objects: not printed).
import sys


def show(tag):
    t, v, tb = sys.exc_info()
    print(tag, t.__name__ if t else t, repr(v), repr(sys.exception()))


show('none')
try:
    1 / 0
except ZeroDivisionError:
    show('handler')
    try:
        {}['k']
    except KeyError:
        show('nested')
    show('outer again')
show('after')


def gen():
    try:
        raise ValueError('in gen')
    except ValueError:
        yield sys.exc_info()[1]
        show('gen resumed')


g = gen()
print(repr(next(g)))
show('between')
next(g, None)
try:
    raise TypeError('t')
except TypeError:
    def inner():
        return sys.exc_info()[0].__name__
    print(inner())
finally:
    show('finally')
