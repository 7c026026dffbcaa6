# expect: ok
# datetime: subclasses of date keep their type through arithmetic; a tzinfo subclass with utcoffset/dst/tzname
import datetime as D
from datetime import date, time, datetime, timedelta, timezone
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__+":", e)
class My(date):
    def hello(self): return 'hi %d' % self.year
m = My(2020, 5, 5)
print(repr(m), m.hello(), repr(m + timedelta(1)), repr(m.replace(year=2021)), type(My.today()).__name__)
class TZ(D.tzinfo):
    def utcoffset(self, dt): return timedelta(hours=1)
    def dst(self, dt): return timedelta(0)
    def tzname(self, dt): return 'ONE'
x = datetime(2020, 6, 1, 12, tzinfo=TZ())
print(x.isoformat(), x.tzname(), x.astimezone(timezone.utc), x.strftime('%z|%Z'), datetime.fromtimestamp(0, TZ()).isoformat(), x.utctimetuple())
