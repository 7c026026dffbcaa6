# expect: ok
# printf-style % formatting of instances: %d/%i/%u through __int__ (or
# __index__), %x/%o/%X/%c through __index__, %f/%e/%g through __float__; the
# TypeErrors for the rest.
class I:
    def __int__(self):
        return 123
class X:
    def __index__(self):
        return 255
class F:
    def __float__(self):
        return 2.5
class N:
    pass
for fmt in ['%d', '%i', '%u', '%x', '%o', '%X', '%f', '%e', '%g', '%5.1f', '%c', '%s', '%r']:
    for v in [I(), X(), F(), N(), True, 3.7]:
        try:
            r = fmt % v
            print(fmt, type(v).__name__, r if fmt not in ('%s', '%r') else r[:3])
        except Exception as e:
            print(fmt, type(v).__name__, type(e).__name__, e)
