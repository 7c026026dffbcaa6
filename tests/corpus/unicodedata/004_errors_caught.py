# expect: ok
# Argument and value errors of every function, with CPython's messages.
import unicodedata as u

cases = [
    "u.name('ab')",
    'u.name(1)',
    "u.name('\\x00')",
    "u.name(c='a')",
    'u.name()',
    "u.name('a', 'b', 'c')",
    "u.decimal('a')",
    "u.digit('a')",
    "u.numeric('a')",
    "u.numeric('ab')",
    "u.category('ab')",
    'u.category(1)',
    'u.category()',
    "u.bidirectional('ab')",
    "u.combining('ab')",
    "u.east_asian_width('ab')",
    "u.mirrored('ab')",
    "u.decomposition('ab')",
    "u.normalize('NFX', 'a')",
    "u.normalize('NFC', 1)",
    "u.normalize(1, 'a')",
    "u.normalize('NFC')",
    "u.is_normalized('NFX', 'a')",
    "u.is_normalized('NFC', 1)",
    'u.lookup(1)',
    "u.lookup('x' * 300)",
    "u.lookup('nope')",
    "u.lookup('a\\x00b')",
    "u.lookup(s='a')",
    "u.normalize(form='NFC', unistr='a')",
    "u.category('a', 'b')",
    'u.lookup()',
    "u.digit('1', 2, 3)",
    "u.lookup(b'\\xff')",
    "u.lookup(b'ab\\xc3\\x00cd')",
    "u.lookup(bytearray(b'SNOWMAN'))",
    "u.lookup(b'x' * 257)",
]
for src in cases:
    try:
        eval(src)
    except (TypeError, ValueError, KeyError) as e:
        print(src, type(e).__name__, e)
