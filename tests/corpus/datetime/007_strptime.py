# expect: ok
# datetime/time: strptime's directives, backtracking, defaults, %z/%Z, ISO week dates and CPython's messages
import time, datetime
print(time.strptime('2024-03-05 UTC', '%Y-%m-%d %Z'))
print(time.strptime('2024', '%Y').tm_zone, time.strptime('+0100', '%z').tm_gmtoff, time.strptime('Tue Mar  5 10:00:00 2024'))
cases = [('Tue Mar  5 10:00:00 2024','%c'), ('03/05/24','%x'), ('1112','%m%d'), ('2024 10 3','%Y %W %w'), ('2024 1 0','%Y %U %w'),
 ('2024-W01-1','%G-W%V-%u'), ('2020-W53-7','%G-W%V-%u'), ('12 AM','%I %p'), ('1 pm','%I %p'), ('feb 29','%b %d'), ('+05:30:15.5','%z'),
 ('10:00Z', '%H:%MZ'), ('  5', '%d'), (' 5', '%d'), ('2020 366', '%Y %j'), ('2024-01-15T08:30:00.123Z', '%Y-%m-%dT%H:%M:%S.%f%z'),
 ('15/01/2024 08:30', '%d/%m/%Y %H:%M'), ('January 5, 2024', '%B %d, %Y'), ('MONDAY 1 jan 2024', '%A %d %b %Y'), ('5 1 2024', '%d %m %Y'),
 ('2024-01-15 +0530', '%Y-%m-%d %z'), ('2024-01-15 -07:00 GMT', '%Y-%m-%d %z %Z'), ('99', '%y'), ('68', '%y'), ('69', '%y'),
 ('2024', '%Y%'), ('2024', '%Q'), ('2024', '% Y'), ('2024x', '%Y'), ('x2024', '%Y'), ('2023-02-29', '%Y-%m-%d'), ('2024-13-01', '%Y-%m-%d'),
 ('2024', '%G'), ('2024 5', '%Y %V'), ('12345', '%H%M%S'), ('2024-1-5', '%Y-%m-%d'), ('100%', '%d%%'), ('+01:3015', '%z'),
 ('Sat 2024 0', '%a %Y %W'), ('2024 0 6', '%Y %U %w'), ('1:2:3', '%H:%M:%S'), ('0.5', '%S.%f'), ('2024\t  01', '%Y %m'), ('2024  01', '%Y %m'), ('2024', '%Y ')]
for s, f in cases:
    try: print(repr(datetime.datetime.strptime(s, f)))
    except Exception as e: print(type(e).__name__, e)
for bad in [(5, '%Y'), ('2024', 5)]:
    try: datetime.datetime.strptime(*bad)
    except Exception as e: print(type(e).__name__, e)
    try: time.strptime(*bad)
    except Exception as e: print(type(e).__name__, e)
