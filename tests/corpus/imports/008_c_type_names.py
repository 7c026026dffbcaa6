# expect: ok
# classes that are C types in CPython are named "module.Name" in messages
import collections, datetime, decimal, functools, io, operator

objs = [collections.deque(), collections.defaultdict(int), collections.OrderedDict(),
        functools.partial(print), datetime.date(2020, 1, 1), datetime.time(1),
        datetime.datetime(2020, 1, 1), datetime.timedelta(1), datetime.timezone.utc,
        decimal.Decimal(1), decimal.getcontext(), operator.itemgetter(1),
        operator.attrgetter("x"), operator.methodcaller("m"), io.StringIO(), io.BytesIO()]
for o in objs:
    t = type(o)
    print(t.__name__, t.__qualname__, t.__module__, repr(t))
    try:
        len(o)
    except TypeError as e:
        print(e)
    try:
        o < 1
    except TypeError as e:
        print(e)
    try:
        o.no_such_attribute
    except AttributeError as e:
        print(e)
for t in (datetime.date, decimal.Decimal, collections.deque):
    try:
        t.no_such_attribute
    except AttributeError as e:
        print(e)


class MyDate(datetime.date):
    pass


try:
    len(MyDate(2020, 1, 1))
except TypeError as e:
    print(e)
