# expect: ok
# int()/float() accept any Unicode decimal digit and strip any Unicode
# white space (str.isspace()); other characters are rejected.
spaces = [c for c in map(chr, range(0x3001)) if c.isspace()]
print(len(spaces), [hex(ord(c)) for c in spaces])
for sp in spaces:
    t = sp + "12" + sp
    try:
        print(int(t), float(t), end=" ")
    except ValueError as e:
        print("E", end=" ")
print()
zeros = [0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0xe50, 0xff10, 0x104a0, 0x1d7ce, 0x1e950, 0x1fbf0]
for z in zeros:
    s = "".join(chr(z + d) for d in (3, 1, 4, 1, 5))
    print(int(s), int(s, 7), float(s), float(chr(z + 2) + "." + chr(z + 5) + "e" + chr(z + 1)))
for c in ["\u00b2", "\u2155", "\u2460", "\u0f33", "\u1369", "\u2070", "\U0001d7d8"]:
    print(c.isdecimal(), c.isdigit(), c.isnumeric(), end=" ")
    try:
        print(int(c))
    except ValueError as e:
        print(e)
print(format(7, "\u0665"), format(7.25, "\u0667.\u0662f"), "{:\u0664}".format("ab") + "|")
