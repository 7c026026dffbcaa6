# expect: ok
# time: gmtime/struct_time, strftime's C-locale directives, asctime, mktime, clocks' types, sleep's checks
import time
print(repr(time.gmtime(0)), time.gmtime(0).tm_zone, time.gmtime(0).tm_gmtoff)
for s in [0, 86400*400.5, 10**9, 1.7e9, -10**9, 951782400, 4102444800, 1234567890]:
    print(time.strftime('%c|%x|%X|%Z|%z|%e|%G-%V-%u|%C|%D|%F|%T|%r|%R|%h|%k|%l|%P|%U|%W|%j|%a %A %b %B %p %I %y %w', time.gmtime(s)))
print(time.asctime(time.gmtime(0)), time.strftime('%Y', (2020,1,1,0,0,0,0,1,0)))
def t(f, *a):
    try: print(f(*a))
    except Exception as e: print(type(e).__name__, e)
t(time.strftime, '%Y', (2020,13,1,0,0,0,0,1,0))
t(time.strftime, '%Y', (2020,1,1))
t(time.gmtime, 'x')
t(time.sleep, -1)
t(time.sleep, 'x')
t(time.sleep, float('nan'))
t(time.sleep, 0)
t(time.sleep, 0.01)
print(time.gmtime(1.9), time.gmtime(-1.5))
x=time.gmtime(0); print(x[0], x[:3], len(x), x == tuple(x), x.tm_year, hash(x)==hash(tuple(x)), list(x))
print(time.struct_time((1,2,3,4,5,6,7,8,9)))
print(time.mktime(time.gmtime(1000)), time.timezone, time.altzone, time.daylight, time.tzname)
a = time.time(); b = time.monotonic(); c = time.perf_counter(); d = time.time_ns()
print(type(a).__name__, type(b).__name__, type(c).__name__, type(d).__name__, a > 1.7e9, abs(d/1e9 - a) < 5)
