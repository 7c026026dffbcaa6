# expect: ok
import re

print(int(re.I), int(re.M), int(re.S), int(re.X), int(re.A), int(re.U), int(re.L), int(re.NOFLAG), int(re.I | re.M))
for p, f in [('a+', re.I), ('a', re.I | re.M | re.X | re.A), ('a', 0), ('a', re.U), (b'a', re.I),
             ('x' * 250, 0), ('a', re.S | re.DOTALL), ('(?i)a', 0), ('(?a)\\w', 0), ('a', 1024)]:
    try:
        r = re.compile(p, f)
        print(repr(r), r.flags)
    except Exception as e:
        print(type(e).__name__, e)
print(re.findall(r'\w+', 'héllo wörld_1 ٣'), re.findall(r'\w+', 'héllo wörld', re.A))
print(re.findall(r'\d', '1٣۴x'), re.findall(r'\d', '1٣۴x', re.A), re.findall(r'\s', 'a\u00a0b\u2003c\td'))
print(re.findall(r'(?i)straße', 'STRASSE Straße STRAẞE'))
print(re.findall('(?i)k', 'kK\u212a'), re.findall('(?i)s', 'sSſ'), re.findall('(?i)\u03c3', '\u03c3\u03c2\u03a3'))
print(re.findall('(?i)[a-z]+', 'ABC def \u212a\u017f'), re.findall('(?ai)[a-z]+', 'ABC \u212a'))
print(re.findall('(?i)i', 'iIİı'), re.findall('(?i)ı', 'iIİı'), re.findall('(?i)\xdf', '\xdf\u1e9e'), re.findall('(?i)\xdf|a', '\xdf\u1e9e'))
print(re.findall(r'(?i)(a)\1', 'aA Aa aa'), re.findall(r'(?i:a)b', 'Ab AB ab'), re.findall(r'(?i)a(?-i:b)', 'AB Ab aB'))
print(re.findall(r'^a', 'a\na\na'), re.findall(r'(?m)^a', 'a\na\na'), re.findall(r'a$', 'a\na\na\n'), re.findall(r'(?m)a$', 'a\na\na'))
print(re.findall(r'a.c', 'a\nc abc'), re.findall(r'(?s)a.c', 'a\nc abc'), re.findall(r'(?s:.)b', '\nb'))
print(re.findall(r'\bfoo\b', 'foo foobar afoo foo.'), re.findall(r'\Bo\B', 'foo boot'), re.findall(r'\b', 'éa b'), re.findall(r'(?a)\b', 'éa b'))
print(re.findall(r'\Aa|b\Z', 'ab\nab'), re.search(r'b\Z', 'ab\n'), re.search(r'b$', 'ab\n'))
print(re.findall(r'''(?x)
    (\d+)   # a number
    \s* [,] \s*   # a comma
    (\w)  # a word char
''', '12 , a 3,b'))
print(re.findall(r'(?x)a\ b [ ]c \#', 'a b c# ab c#'), re.findall(r'a b(?x: c d )e', 'a bcde'))
print(re.match('(?u)é', 'é'), re.match(r'(?a:\w)(?u:\w)', 'éé'), re.match(r'(?a:\w)(\w)', 'aé'))
print(re.findall('[\U00010400-\U00010428]', '\U00010400\U00010428'), re.findall('(?i)\U00010400', '\U00010400\U00010428'))
