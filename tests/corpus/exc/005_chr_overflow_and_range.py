# expect: ok
for v in [0, 65, 0x10FFFF, 0x110000, -1, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**63, -2**63, 10**30, True]:
    try:
        print(v, repr(chr(v)))
    except (ValueError, OverflowError) as e:
        print(v, type(e).__name__, e)
