# expect: ok
import re

pats = [r'a(', r'a)', r'*', r'a**', r'a{2}{3}', r'\q', 'abc\\', r'[a', r'[a-', r'[b-a]', r'[\d-z]',
        r'[a-\d]', r'[\x41-\x40]', r'(?P<a>x)(?P<a>y)', r'(?P<1a>x)', r'(?P<>x)', r'(?P<a', r'(?P=b)',
        r'(?P=', r'(?Px)', r'(?P', r'(?', r'(?<x', r'(?<', r'(?z)', r'(?i-', r'(?i-z:)', r'(?iz)',
        r'(?i', r'(?-i)', r'(?-:a)', r'(?i-i:a)', r'(?a-a:x)', r'(?au)', r'(?L)', r'a(?i)', r'(?#abc',
        r'(?(1)a)', r'(?(0)a)', r'(?(x)a)', r'(?(1a)a)', r'(a)(?(1)a|b|c)', r'(?(1', r'(?<=a+)b',
        r'(?<=a|bc)', r'(?<!a*)', r'(a)(?<=\1)', r'\1', r'(a)\2', r'(a\1)', r'\x4', r'\x', r'\u12',
        r'\U0001', r'\U00110000', r'[\U00110000]', r'\400', r'[\400]', r'\777', r'\8', r'[\8]', r'\N',
        r'[\A]', r'[\Z]', 'x{2,1}', r'x{1,2', r'(?x)a # c', '(?:', '((a)', '(?=a', '(?>a', r'^*',
        r'$+', r'\b*', r'a|*', r'(|*)', '(a)\n(b\n(c', 'ab\ncd)', r'(?P<a>a)(?P=a', '[]', '[^]',
        r'(?<=(a)\1)', r'(?<=(?:ab){3})x', r'a{,2}{3}', r'(?(2)a)(b)', r'(?(3)a)(b)']
for p in pats:
    try:
        r = re.compile(p)
        print(repr(p), 'ok', r.groups)
    except re.error as e:
        print(repr(p), '->', e, '|', e.msg, e.pos, e.lineno, e.colno, e.pattern == p)
    except Exception as e:
        print(repr(p), type(e).__name__, e)
for p, f in [('a', re.L), (b'a', re.U), (b'a', re.A | re.L), ('a', re.A | re.U), (b'(?u)a', 0),
             ('(?L)a', 0), ('x{4294967295}', 0), ('x{1,4294967296}', 0)]:
    try:
        re.compile(p, f)
        print(p, 'ok')
    except Exception as e:
        print(type(e).__name__, e)
e = re.error('plain')
print(e, e.msg, e.pattern, e.pos, e.lineno, e.colno, repr(e), isinstance(e, Exception))
print(re.error.__name__, re.error.__module__)
