# expect: ok
# collections.UserString: a str wrapper whose string-making methods return
# the subclass, comparisons/contains/concatenation with str and with other
# UserStrings, iteration, formatting, and the errors str raises.
from collections import UserString


class Shout(UserString):
    def shout(self):
        return self.upper() + '!'


u = UserString('Hello, World')
s = Shout('abc')
print(repr(u), str(u), len(u), u.data, type(u).__name__)
print(repr(UserString(42)), repr(UserString(u)), repr(UserString([1, 2])))
print(u == 'Hello, World', u == UserString('Hello, World'), u != 'x', u < 'I', u >= UserString('H'))
print('World' in u, UserString('lo,') in u, 'z' in u)
print(repr(u + '!'), repr('>' + u), repr(u + u), repr(u + 5))
print(repr(u * 2), repr(2 * s), repr(s[1]), repr(s[::-1]), type(s[0]).__name__)
print([repr(c) for c in s], [repr(c) for c in reversed(s)])
print(repr(s.shout()), type(s.upper()).__name__, type(s.split('b')[0]).__name__)
for name in ['capitalize', 'casefold', 'lower', 'swapcase', 'title', 'upper', 'isalpha', 'isalnum',
             'isascii', 'isdecimal', 'isdigit', 'isidentifier', 'islower', 'isnumeric',
             'isprintable', 'isspace', 'istitle', 'isupper']:
    print(name, repr(getattr(u, name)()), repr(getattr(UserString('123'), name)()))
print(repr(u.center(20, '*')), repr(u.ljust(15)), repr(u.rjust(15, '.')), repr(s.zfill(6)))
print(repr(UserString('a\tb').expandtabs(4)), repr(UserString('  x  ').strip()), repr(u.lstrip('H')),
      repr(u.rstrip('dl')))
print(repr(u.removeprefix('Hello')), repr(u.removesuffix(UserString('World'))))
print(repr(u.replace('l', 'L')), repr(u.replace(UserString('o'), '0', 1)))
print(repr(u.translate({ord('o'): '0'})), repr(u.translate(str.maketrans('lo', 'LO'))))
print(u.count('l'), u.count(UserString('o'), 5), u.find('o'), u.find(UserString('World')), u.rfind('o'))
print(u.index('W'), u.rindex('l'), u.startswith('Hell'), u.endswith(('d', 'x')), u.startswith('W', 7))
print(u.encode(), u.encode('ascii', None), UserString('é').encode('latin-1'))
print(UserString('{0}-{x}').format(1, x=2), UserString('{a}').format_map({'a': 3}))
print(UserString('-').join('abc'), u.partition(', '), u.rpartition('o'))
print(u.split(), u.split(', '), u.rsplit('o', 1), UserString('a\nb\n').splitlines(True))
print(repr(UserString('%s=%d') % ('x', 3)), repr('<%s>' % UserString('q')))
print(int(UserString('12')) + 1, float(UserString('2.5')), hash(u) == hash('Hello, World'))
print(sorted([UserString('b'), UserString('a')]), {UserString('k'): 1}[UserString('k')])
print(f'{u}|{u!r}|{s}')
print(UserString.maketrans('a', 'b'))
for bad in [lambda: u.index('zz'), lambda: int(u), lambda: u[99],
            lambda: u.center(), lambda: UserString(),
            lambda: f'{s:>5}']:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
