# expect: IndexError: tuple index out of range
from string import Formatter


f = Formatter()
print(f.format('{} and {}', 1, 'a'), f.format('{0}{1}{0}', 'ab', 'cd'), f.format('{x:>5}|{y!r}', x=3, y='q'))
print(f.format('{0[1]} {a.real} {b[k]}', [5, 6], a=3, b={'k': 'v'}), f.format('{:{w}.{p}f}', 3.14159, w=8, p=2))
print(f.format('{{literal}} {}', 0), list(f.parse('a{0!r:>3}b{}c')), list(f.parse('x{{y}}')))


class Upper(Formatter):
    def format_field(self, value, spec):
        return format(value, spec).upper()

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return '<' + key + '>'
        return Formatter.get_value(self, key, args, kwargs)


print(Upper().format('{} {name} {missing}', 'abc', name='joe'))
for fmt, args in [('{0} {}', (1, 2)), ('{} {0}', (1, 2)), ('a } b', ()), ('{', ()), ('{!x}', (1,)), ('{:{:{}}}', (1, 2, 3))]:
    try:
        f.format(fmt, *args)
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)
print(f.format('{2}', 1))
