# expect: ok
try:
    print('bytes.fromhex(None)', repr(bytes.fromhex(None)))
except Exception as e:
    print('bytes.fromhex(None)', type(e).__name__, e)
try:
    print('b"a".find(None)', repr(b"a".find(None)))
except Exception as e:
    print('b"a".find(None)', type(e).__name__, e)
try:
    print('b"a".strip(1)', repr(b"a".strip(1)))
except Exception as e:
    print('b"a".strip(1)', type(e).__name__, e)
try:
    print('b"a".split(None, None)', repr(b"a".split(None, None)))
except Exception as e:
    print('b"a".split(None, None)', type(e).__name__, e)
try:
    print('b"a".join([None])', repr(b"a".join([None])))
except Exception as e:
    print('b"a".join([None])', type(e).__name__, e)
try:
    print('b"a".startswith(None)', repr(b"a".startswith(None)))
except Exception as e:
    print('b"a".startswith(None)', type(e).__name__, e)
try:
    print('b"a"+None', repr(b"a"+None))
except Exception as e:
    print('b"a"+None', type(e).__name__, e)
try:
    print('b"a".replace(None, b"")', repr(b"a".replace(None, b"")))
except Exception as e:
    print('b"a".replace(None, b"")', type(e).__name__, e)
try:
    print('b"a".partition(None)', repr(b"a".partition(None)))
except Exception as e:
    print('b"a".partition(None)', type(e).__name__, e)
try:
    print('b"a".center(None)', repr(b"a".center(None)))
except Exception as e:
    print('b"a".center(None)', type(e).__name__, e)
try:
    print('b"a".decode(None)', repr(b"a".decode(None)))
except Exception as e:
    print('b"a".decode(None)', type(e).__name__, e)
try:
    print('bytearray(b"a").append(None)', repr(bytearray(b"a").append(None)))
except Exception as e:
    print('bytearray(b"a").append(None)', type(e).__name__, e)
try:
    print('bytearray(b"a").extend(None)', repr(bytearray(b"a").extend(None)))
except Exception as e:
    print('bytearray(b"a").extend(None)', type(e).__name__, e)
try:
    print('(1).to_bytes(None)', repr((1).to_bytes(None)))
except Exception as e:
    print('(1).to_bytes(None)', type(e).__name__, e)
try:
    print('b"a".hex(None)', repr(b"a".hex(None)))
except Exception as e:
    print('b"a".hex(None)', type(e).__name__, e)
try:
    print('b"a".translate(None, None)', repr(b"a".translate(None, None)))
except Exception as e:
    print('b"a".translate(None, None)', type(e).__name__, e)
try:
    print('bytes.maketrans(None, b"")', repr(bytes.maketrans(None, b"")))
except Exception as e:
    print('bytes.maketrans(None, b"")', type(e).__name__, e)
try:
    print('b"a".removeprefix(None)', repr(b"a".removeprefix(None)))
except Exception as e:
    print('b"a".removeprefix(None)', type(e).__name__, e)
try:
    print('b"a".count(b"a", None, None)', repr(b"a".count(b"a", None, None)))
except Exception as e:
    print('b"a".count(b"a", None, None)', type(e).__name__, e)
try:
    print('b"a".splitlines(None)', repr(b"a".splitlines(None)))
except Exception as e:
    print('b"a".splitlines(None)', type(e).__name__, e)
try:
    print('b"a".expandtabs(None)', repr(b"a".expandtabs(None)))
except Exception as e:
    print('b"a".expandtabs(None)', type(e).__name__, e)
try:
    print('None in b"a"', repr(None in b"a"))
except Exception as e:
    print('None in b"a"', type(e).__name__, e)
bn = b"a"
try:
    print('b"a"[None]', repr(bn[None]))
except Exception as e:
    print('b"a"[None]', type(e).__name__, e)
try:
    print('bytearray(b"a").pop(None)', repr(bytearray(b"a").pop(None)))
except Exception as e:
    print('bytearray(b"a").pop(None)', type(e).__name__, e)
try:
    print('bytearray(b"a").insert(None, 1)', repr(bytearray(b"a").insert(None, 1)))
except Exception as e:
    print('bytearray(b"a").insert(None, 1)', type(e).__name__, e)
try:
    print('b"%c" % None', repr(b"%c" % None))
except Exception as e:
    print('b"%c" % None', type(e).__name__, e)
try:
    print('int.from_bytes(b"a", None)', repr(int.from_bytes(b"a", None)))
except Exception as e:
    print('int.from_bytes(b"a", None)', type(e).__name__, e)
try:
    print('b"a".zfill(None)', repr(b"a".zfill(None)))
except Exception as e:
    print('b"a".zfill(None)', type(e).__name__, e)
