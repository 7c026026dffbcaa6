# expect: ok
import re

print(re.findall(rb'\w+', b'abc de\xe9f'), re.sub(rb'(\w)', rb'[\1]', b'ab'), re.split(rb',', b'a,b'))
print(re.match(rb'(?i)ABC', b'abc'), re.match(rb'\d+', b'123x').group(), re.compile(rb'a(b)').search(b'xab').groups())
print(re.escape(b'a.b'), re.findall(rb'.', b'a\nb', re.S), re.search(b'b', bytearray(b'abc')))
p = re.compile('a+')
print(p == re.compile('a+'), p == re.compile('a+', re.I), p != re.compile('b'), hash(p) == hash(re.compile('a+')))
print(re.compile(p) is p, type(p).__name__, type(p.match('a')).__name__)
try:
    re.compile(p, re.I)
except ValueError as e:
    print('ValueError', e)
re.purge()
print(re.match('a', 'a').re is re.compile('a'))
print(re.sub('a', '-', ''), re.split('a', ''), re.findall('a', ''), re.sub('', '-', ''), re.split('x', 'axbxc', maxsplit=1))
s = 'The quick brown fox jumps over the lazy dog'
words = re.findall(r'\b\w{5}\b', s)
print(words, len(re.findall(r'[aeiou]', s)), re.sub(r'(\w+) (\w+)', r'\2 \1', s))
print([m.groupdict() for m in re.finditer(r'(?P<k>\w+)=(?P<v>[^;]*);?', 'a=1;b=two;c=')])
print(re.fullmatch(r'[\w.+-]+@[\w-]+\.[\w.]+', 'john.doe+x@mail.example.com') is not None)
print(re.sub(r'\s+', ' ', '  a \t b\n\nc  ').strip(), re.split(r'[;,]\s*', 'a, b;c,d'))
print(repr(re.match(r'.*', 'é' * 60)), repr(re.match(r'.*', 'a\'b"c')))


def first_word(p: re.Pattern[str], s: str) -> re.Match[str]:
    return p.match(s)


print(first_word(re.compile(r'\w+'), 'hello world'), re.Pattern[str], re.Match[bytes])
