# expect: ok
try:
    print("ord(b'a')", repr(ord(b'a')))
except Exception as e:
    print("ord(b'a')", type(e).__name__, e)
try:
    print("ord(bytearray(b'\\xff'))", repr(ord(bytearray(b'\xff'))))
except Exception as e:
    print("ord(bytearray(b'\\xff'))", type(e).__name__, e)
try:
    print("ord(b'ab')", repr(ord(b'ab')))
except Exception as e:
    print("ord(b'ab')", type(e).__name__, e)
try:
    print("ord(b'')", repr(ord(b'')))
except Exception as e:
    print("ord(b'')", type(e).__name__, e)
try:
    print("sum([b'a'], b'')", repr(sum([b'a'], b'')))
except Exception as e:
    print("sum([b'a'], b'')", type(e).__name__, e)
try:
    print('sum([], bytearray())', repr(sum([], bytearray())))
except Exception as e:
    print('sum([], bytearray())', type(e).__name__, e)
try:
    print("bytes.upper(b'ab')", repr(bytes.upper(b'ab')))
except Exception as e:
    print("bytes.upper(b'ab')", type(e).__name__, e)
try:
    print("bytearray.upper(b'ab')", repr(bytearray.upper(b'ab')))
except Exception as e:
    print("bytearray.upper(b'ab')", type(e).__name__, e)
try:
    print("bytes.upper(bytearray(b'x'))", repr(bytes.upper(bytearray(b'x'))))
except Exception as e:
    print("bytes.upper(bytearray(b'x'))", type(e).__name__, e)
try:
    print("bytes.decode(b'\\xc3\\xa9')", repr(bytes.decode(b'\xc3\xa9')))
except Exception as e:
    print("bytes.decode(b'\\xc3\\xa9')", type(e).__name__, e)
try:
    print("b'x'.uper", repr(b'x'.uper))
except Exception as e:
    print("b'x'.uper", type(e).__name__, e)
try:
    print('bytearray().apend', repr(bytearray().apend))
except Exception as e:
    print('bytearray().apend', type(e).__name__, e)
try:
    print("int(b'12')", repr(int(b'12')))
except Exception as e:
    print("int(b'12')", type(e).__name__, e)
try:
    print("int(b' 7 ')", repr(int(b' 7 ')))
except Exception as e:
    print("int(b' 7 ')", type(e).__name__, e)
try:
    print("float(b'1.5')", repr(float(b'1.5')))
except Exception as e:
    print("float(b'1.5')", type(e).__name__, e)
try:
    print("int(b'x')", repr(int(b'x')))
except Exception as e:
    print("int(b'x')", type(e).__name__, e)
try:
    print("int(bytearray(b'ff'), 16)", repr(int(bytearray(b'ff'), 16)))
except Exception as e:
    print("int(bytearray(b'ff'), 16)", type(e).__name__, e)
try:
    print("float(b'x')", repr(float(b'x')))
except Exception as e:
    print("float(b'x')", type(e).__name__, e)
try:
    print("list(map(bytes.upper, [b'a']))", repr(list(map(bytes.upper, [b'a']))))
except Exception as e:
    print("list(map(bytes.upper, [b'a']))", type(e).__name__, e)
try:
    print('str(bytes)', repr(str(bytes)))
except Exception as e:
    print('str(bytes)', type(e).__name__, e)
try:
    print('bytes.__name__', repr(bytes.__name__))
except Exception as e:
    print('bytes.__name__', type(e).__name__, e)
try:
    print('type(iter(bytearray()))', repr(type(iter(bytearray()))))
except Exception as e:
    print('type(iter(bytearray()))', type(e).__name__, e)
try:
    print("[b'x'] * 2", repr([b'x'] * 2))
except Exception as e:
    print("[b'x'] * 2", type(e).__name__, e)
try:
    print("dict.fromkeys(b'ab')", repr(dict.fromkeys(b'ab')))
except Exception as e:
    print("dict.fromkeys(b'ab')", type(e).__name__, e)
try:
    print("set(b'aba')", repr(set(b'aba')))
except Exception as e:
    print("set(b'aba')", type(e).__name__, e)
try:
    print("sorted(bytearray(b'cba'))", repr(sorted(bytearray(b'cba'))))
except Exception as e:
    print("sorted(bytearray(b'cba'))", type(e).__name__, e)
try:
    print("any(b'\\x00')", repr(any(b'\x00')))
except Exception as e:
    print("any(b'\\x00')", type(e).__name__, e)
try:
    print("b''.fromhex('41')", repr(b''.fromhex('41')))
except Exception as e:
    print("b''.fromhex('41')", type(e).__name__, e)
try:
    print("bytes.maketrans(b'a', b'b')[97]", repr(bytes.maketrans(b'a', b'b')[97]))
except Exception as e:
    print("bytes.maketrans(b'a', b'b')[97]", type(e).__name__, e)
try:
    print("int(b'12')", repr(int(b'12')))
except Exception as e:
    print("int(b'12')", type(e).__name__, e)
try:
    print("int(b' 7 ')", repr(int(b' 7 ')))
except Exception as e:
    print("int(b' 7 ')", type(e).__name__, e)
try:
    print("float(b'1.5')", repr(float(b'1.5')))
except Exception as e:
    print("float(b'1.5')", type(e).__name__, e)
try:
    print("int(b'x')", repr(int(b'x')))
except Exception as e:
    print("int(b'x')", type(e).__name__, e)
try:
    print("int(bytearray(b'ff'), 16)", repr(int(bytearray(b'ff'), 16)))
except Exception as e:
    print("int(bytearray(b'ff'), 16)", type(e).__name__, e)
try:
    print("float(b'x')", repr(float(b'x')))
except Exception as e:
    print("float(b'x')", type(e).__name__, e)
try:
    print("int(b'1_000')", repr(int(b'1_000')))
except Exception as e:
    print("int(b'1_000')", type(e).__name__, e)
try:
    print("int(b'0x1f', 0)", repr(int(b'0x1f', 0)))
except Exception as e:
    print("int(b'0x1f', 0)", type(e).__name__, e)
try:
    print("int(b'\\xd9\\xa1')", repr(int(b'\xd9\xa1')))
except Exception as e:
    print("int(b'\\xd9\\xa1')", type(e).__name__, e)
try:
    print("int(b'1\\x00')", repr(int(b'1\x00')))
except Exception as e:
    print("int(b'1\\x00')", type(e).__name__, e)
try:
    print("float(bytearray(b' inf '))", repr(float(bytearray(b' inf '))))
except Exception as e:
    print("float(bytearray(b' inf '))", type(e).__name__, e)
try:
    print("float(b'\\xff')", repr(float(b'\xff')))
except Exception as e:
    print("float(b'\\xff')", type(e).__name__, e)
try:
    print("int(bytearray(b'z'))", repr(int(bytearray(b'z'))))
except Exception as e:
    print("int(bytearray(b'z'))", type(e).__name__, e)
try:
    print("int(b'', 2)", repr(int(b'', 2)))
except Exception as e:
    print("int(b'', 2)", type(e).__name__, e)
try:
    print("int(b'9', 8)", repr(int(b'9', 8)))
except Exception as e:
    print("int(b'9', 8)", type(e).__name__, e)
try:
    print("float(b'1_0.5')", repr(float(b'1_0.5')))
except Exception as e:
    print("float(b'1_0.5')", type(e).__name__, e)
try:
    print("int(b'1'*5000)", repr(int(b'1'*5000)))
except Exception as e:
    print("int(b'1'*5000)", type(e).__name__, e)
