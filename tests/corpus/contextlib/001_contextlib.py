# expect: ok
# contextlib: @contextmanager (normal exit, exceptions handled or not in
# the generator, the RuntimeErrors of a generator that does not yield or
# does not stop, use as a decorator), suppress, closing, nullcontext,
# ExitStack (LIFO unwinding, callbacks, enter_context, push, pop_all,
# suppression, exceptions raised by exit callbacks and their context).
from contextlib import (contextmanager, suppress, closing, nullcontext, ExitStack,
                        ContextDecorator, AbstractContextManager)


@contextmanager
def tag(name, swallow=False):
    print('<' + name + '>')
    try:
        yield name.upper()
    except ValueError as e:
        print('handled', e)
        if not swallow:
            raise
    finally:
        print('</' + name + '>')


with tag('a') as t:
    print('inside', t)
with tag('b', swallow=True):
    raise ValueError('swallowed')
for swallow in (False,):
    try:
        with tag('c', swallow):
            raise ValueError('again')
    except ValueError as e:
        print('propagated', e)
try:
    with tag('d'):
        raise KeyError('k')
except KeyError as e:
    print('KeyError passes', e)


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


for cm in (no_yield, two_yields):
    try:
        with cm():
            pass
    except RuntimeError as e:
        print('RuntimeError', e)


@tag('deco')
def decorated(x):
    print('decorated body', x)
    return x * 2


print(decorated(3), decorated(4), decorated.__name__)
with suppress(KeyError, IndexError):
    {}['x']
with suppress(KeyError):
    print('no exception')
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print('not suppressed')


class Thing:
    def close(self):
        print('closed')


with closing(Thing()) as th:
    print(type(th).__name__)
with nullcontext(42) as v:
    print('null', v)


class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress

    def __enter__(self):
        print('enter', self.name)
        return self.name

    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None)
        return self.suppress


with ExitStack() as stack:
    names = [stack.enter_context(CM(n)) for n in 'xyz']
    stack.callback(print, 'callback', 1, sep='-')
    print('names', names)
with ExitStack() as stack:
    stack.enter_context(CM('outer', suppress=True))
    stack.enter_context(CM('inner'))
    raise ValueError('suppressed by outer')
print('after suppression')
with ExitStack() as stack:
    stack.enter_context(CM('kept'))
    moved = stack.pop_all()
print('popped')
moved.close()


def failing(*exc):
    raise KeyError('from callback')


try:
    with ExitStack() as stack:
        stack.push(failing)
        stack.callback(print, 'second')
        raise ValueError('body')
except KeyError as e:
    print('KeyError', e, type(e.__context__).__name__)
try:
    with ExitStack() as stack:
        stack.enter_context(5)
except TypeError as e:
    print('TypeError', e)


class Timer(ContextDecorator, AbstractContextManager):
    def __exit__(self, *exc):
        print('timer exit')


@Timer()
def work():
    print('work')


work()
with Timer() as tm:
    print(type(tm).__name__)
