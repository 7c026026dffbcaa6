# expect: ok
# bytes predicates (isascii of b'' is True) and one-bytes-argument methods
for b in (b"", b"abc", b"\xff", bytearray(b"a1"), b" \t"):
    print(b.isascii(), b.isdigit(), b.isalpha(), b.isalnum(), b.isspace(), b.istitle(), b.isupper(), b.islower())
print(b"a=b".partition(b"="), bytearray(b"a=b").rpartition(b"="), b"abc".removeprefix(b"a"), b"abc".removesuffix(b"c"))
for f in (lambda: b"a".partition(1), lambda: b"a".removeprefix(), lambda: b"a".partition(b""), lambda: b"a".isascii(1), lambda: b"a".removesuffix(x=1)):
    try: f()
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
