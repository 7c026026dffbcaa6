# expect: ok
# The Unicode predicates and repr() over a sample of code points (every
# 131st up to U+32000, plus the planes' edges): one generated table serves
# them all.
cps = list(range(0, 0x32000, 131)) + [0xad, 0x378, 0x890, 0x891, 0x200b, 0x2028, 0xfeff,
                                      0xe0001, 0xe0100, 0xf0000, 0x10fffd, 0x10ffff]
rows = []
for cp in cps:
    c = chr(cp)
    bits = (c.isprintable(), c.isidentifier(), ("a" + c).isidentifier(), c.isdecimal(),
            c.isdigit(), c.isnumeric(), c.isspace(), c.isalpha(), c.isupper(), c.islower())
    rows.append("".join("1" if b else "0" for b in bits))
print(len(rows))
for i in range(0, len(rows), 8):
    print(" ".join(rows[i:i + 8]))
text = "".join(chr(cp) for cp in cps if cp not in range(0xd800, 0xe000))
print(ascii(repr(text)))
