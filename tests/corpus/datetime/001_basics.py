# expect: ok
# datetime: reprs, str, timedelta normalisation and arithmetic, date/datetime arithmetic, isoformat/fromisoformat, strftime, timestamps, fixed-offset time zones
import datetime as D
from datetime import date, time, datetime, timedelta, timezone
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__+":", e)
print(date(2020, 1, 1), repr(date(2020, 2, 29)), datetime(2020, 1, 1), repr(datetime(2020, 1, 1, 5, 6, 7, 8)))
print(repr(time(1)), repr(time(1, 2, 3)), repr(time(1, 2, 3, 4, tzinfo=timezone.utc, fold=1)), time(1,2,3,4))
td = timedelta(days=1, seconds=3600)
print(repr(td), str(td), td.total_seconds(), repr(timedelta(0)), repr(-td), str(-td), abs(-td))
print(repr(timedelta(weeks=1, hours=-1.5, minutes=0.25, milliseconds=3, microseconds=-7)))
print(timedelta(seconds=0.5e-6), repr(timedelta(seconds=1.5e-6)), repr(timedelta(minutes=-0.1, hours=1.00001)))
print(td * 2, td * 1.5, 2 * td, td / 3, td / 2.5, td / timedelta(hours=1), td // timedelta(hours=7), td % timedelta(hours=7), divmod(td, timedelta(hours=7)), td // 7)
print(timedelta.min, timedelta.max, repr(timedelta.resolution), date.min, date.max, datetime.min, datetime.max, time.min, time.max)
d = date(2024, 2, 28)
print(d + timedelta(1), d + timedelta(2), d - timedelta(60), d - date(2023, 1, 1), d.weekday(), d.isoweekday(), d.isocalendar(), d.isocalendar().week, d.toordinal(), date.fromordinal(738000), d.ctime(), d.timetuple())
print(d.replace(day=1), d.isoformat(), date.fromisoformat('2024-03-15'), date.fromisoformat('20240315'), date.fromisoformat('2024-W10-3'), date.fromisocalendar(2024, 10, 3))
dt = datetime(2024, 3, 10, 14, 30, 5, 123456)
print(dt + timedelta(hours=12), dt - timedelta(days=400), dt - datetime(2000, 1, 1), dt.date(), dt.time(), repr(dt.timetz()), dt.isoformat(), dt.isoformat(' ', 'minutes'), dt.isoformat(timespec='milliseconds'))
print(dt.strftime('%Y-%m-%d %H:%M:%S.%f %a %A %b %B %j %U %W %p %y %z %Z %%'), datetime.utcfromtimestamp(1700000000.5), datetime.utcfromtimestamp(0), repr(datetime.fromtimestamp(0, timezone.utc)))
tz = timezone(timedelta(hours=5, minutes=30))
a = dt.replace(tzinfo=tz)
print(repr(a), a, a.utcoffset(), a.tzname(), a.astimezone(timezone.utc), a.timestamp(), a.strftime('%z %Z'), str(tz), repr(tz), repr(timezone(timedelta(hours=-3), 'BRT')), timezone.min, timezone.max)
print(a == dt, a != dt, a == a.astimezone(timezone.utc), hash(a) == hash(a.astimezone(timezone.utc)), dt == dt.replace(), date(2020,1,1) == datetime(2020,1,1))
print(datetime.fromisoformat('2020-01-01T10:00:00.1234567+05:30'), repr(datetime.fromisoformat('2020-01-01 10')), repr(datetime.fromisoformat('2020-W01-3T10Z')), repr(time.fromisoformat('10:30:00Z')), repr(time.fromisoformat('T1030')))
print(repr(datetime.combine(date(2020,1,1), time(5, tzinfo=tz))), sorted([date(2020,1,3), date(2019,5,5), date(2020,1,1)]))
print(f"{dt:%d/%m/%Y}", format(d, ''), '{:%H:%M}'.format(time(9, 5)), datetime(2020,5,17, tzinfo=timezone.utc).timetuple())
