# expect: ok
# splitlines() breaks at the line boundaries of the Unicode table (\n \r
# \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029) and nowhere inside a
# multi-byte character.
samples = ["\u0882\x05x", "\u0882\x05\x85y", "a\x85b\u2028c\u2029d\x1ce\x0bf\x0cg\x1dh\x1ei\x1fj",
           "\u0085\u0085", "x\r\n\r\ny\r", "\U0001f600\n\u2028\U0001f600", "\xa0\u2027\u202a"]
for s in samples:
    print(s.splitlines(), s.splitlines(True), len(s.splitlines()))
breaks = [hex(c) for c in range(0x3000) if len(("a" + chr(c) + "b").splitlines()) == 2]
print(breaks)
