# expect: ok
# datetime: timedelta division by zero (int, float, timedelta) with CPython's messages; replace()
import datetime as D
from datetime import date, time, datetime, timedelta, timezone
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__+":", e)
for op in ['/', '//', '%', 'divmod']:
    for z in [0, 0.0, timedelta(0)]:
        try:
            r = divmod(timedelta(1), z) if op == 'divmod' else eval('timedelta(1) %s z' % op) if False else {'/': lambda: timedelta(1) / z, '//': lambda: timedelta(1) // z, '%': lambda: timedelta(1) % z}[op]()
            print(op, repr(z), r)
        except Exception as e:
            print(op, repr(z), type(e).__name__, e)
print(repr(date(2020,1,31).replace(month=2, day=29)), repr(datetime(2020,1,1,5,tzinfo=timezone.utc).replace(hour=6, tzinfo=None, fold=1)), repr(time(1,2,3).replace(second=9, tzinfo=timezone.utc)))
