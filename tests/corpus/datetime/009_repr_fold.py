# expect: ok
# repr of time and datetime with fold and tzinfo: CPython's keyword order
# (time: tzinfo then fold; datetime: fold then tzinfo)
import datetime as d

utc = d.timezone.utc
plus2 = d.timezone(d.timedelta(hours=2), "X")
print(repr(d.time(1, fold=1, tzinfo=utc)))
print(repr(d.time(1, 2, 3, 4, fold=1)))
print(repr(d.time(1, tzinfo=plus2)))
print(repr(d.datetime(2020, 1, 1, fold=1, tzinfo=utc)))
print(repr(d.datetime(2020, 1, 1, 5, 6, 7, 8, fold=1)))
print(repr(d.datetime(2020, 1, 1, tzinfo=plus2)))
print(repr(d.datetime(2020, 1, 1, fold=1, tzinfo=plus2).replace(fold=0)))
print([d.datetime(2021, 3, 4, fold=f, tzinfo=utc) for f in (0, 1)])
