# expect: ok
# yield from a receiver that is not a generator (CPython's SEND and
# _gen_throw): send() goes to the receiver's send method, close() to its
# close method, throw() to its throw method with the arguments as given
# (or into the generator when it has none); a StopIteration(value) raised
# by a class's __next__ is the yield from's value, and next() passes a
# class's StopIteration on as it is.
class Counter:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > self.n:
            raise StopIteration('done', self.i)
        return self.i


class Duck(Counter):
    def send(self, v):
        print('duck send', v)
        return v * 2

    def throw(self, *args):
        print('duck throw', args)
        if args[0] == 'finish':
            raise StopIteration('thrown-out')
        if args[0] == 'fail':
            raise KeyError('from throw')
        return 'thrown'

    def close(self):
        print('duck close')


def outer(it):
    try:
        r = yield from it
        print('returned', r)
        yield 'after'
    except Exception as e:
        print('outer caught', type(e).__name__, e)
        yield 'handled'


print(list(outer(Counter(3))))
g = outer(Duck(5))
print(next(g), g.send(21), g.send(None), g.throw(ValueError), g.throw('raw', 2))
print(g.throw('finish'), next(g, 'end'))
g = outer(Duck(5))
next(g)
print(g.throw('fail'))
g = outer(Duck(5))
next(g)
g.close()


def started(it):
    g = outer(it)
    next(g)
    return g


for action, exc in [(lambda g: g.send(5), AttributeError), (lambda g: g.throw(KeyError('k')), None),
                    (lambda g: g.throw(123), TypeError)]:
    try:
        print(action(started(Counter(5))))
    except AttributeError as e:
        print('AttributeError', e)
    except TypeError as e:
        print('TypeError', e)


class MyStop(StopIteration):
    pass


class Sub:
    def __iter__(self):
        return self

    def __next__(self):
        raise MyStop(3)


def gen():
    print((yield from Sub()))
    return 4


try:
    next(gen())
except StopIteration as e:
    print('stop', e.args, e.value)
for it in [Counter(0), Sub(), iter([])]:
    try:
        next(it)
    except StopIteration as e:
        print(type(e).__name__, e.args)
print(next(Counter(0), 'default'))
