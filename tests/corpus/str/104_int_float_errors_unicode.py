# expect: ok
# int()/float() error messages quote the argument with repr(): non-ASCII
# text is kept when printable and escaped otherwise, exactly as repr().
samples = ["\u0890x", "\u0890", "x\u200b", "\u00adx", "\U000e0001y", "\ud800",
           "\udfff1", "12\x85z", "1\x7f", "\x1c1\x1f", "a'b", "a'\"b", "\t1\n",
           "\u2028", "\uffff", "\U0010ffff", "\u0378", "\U0001f600!", "\u00e9t\u00e9"]
for s in samples:
    for f in (int, float):
        try:
            print(repr(f(s)))
        except ValueError as e:
            print(f.__name__, e)
        print(repr(s) == repr(s[:]), len(repr(s)))
for b in (2, 8, 16, 36, 0):
    for s in ("\u0890z", "\u0660x", "0x\u0661", "\u00a0"):
        try:
            print(int(s, b))
        except ValueError as e:
            print(b, e)
