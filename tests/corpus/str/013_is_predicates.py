# expect: ok
tests = ['', 'abc', 'ABC', 'Abc', 'a1', '123', '١٢٣', '²', '½', '一', ' \t\n', '\u3000',
         'abc_1', '1a', 'é', '_', 'Hello World', 'Hello world', 'ǅ', '\x7f', 'a b', 'ÀÉ']
for t in tests:
    print(repr(t), t.isalpha(), t.isalnum(), t.isdigit(), t.isdecimal(), t.isnumeric(),
          t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isidentifier(),
          t.isprintable(), t.isascii())
