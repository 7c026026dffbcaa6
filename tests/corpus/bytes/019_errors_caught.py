# expect: ok
try:
    print("b'a'.upper(1)", repr(b'a'.upper(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').upper(1)", repr(bytearray(b'a').upper(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.find()", repr(b'a'.find()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.find('a')", repr(b'a'.find('a')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.find(300)", repr(b'a'.find(300)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.find(b'a', 'x')", repr(b'a'.find(b'a', 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.find(b'a', 1, 2, 3)", repr(b'a'.find(b'a', 1, 2, 3)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.count()", repr(b'a'.count()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.index(b'z')", repr(b'a'.index(b'z')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.rindex(b'z')", repr(b'a'.rindex(b'z')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.startswith('a')", repr(b'a'.startswith('a')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.startswith(('a',))", repr(b'a'.startswith(('a',))))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.startswith()", repr(b'a'.startswith()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.endswith(1)", repr(b'a'.endswith(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.split('x')", repr(b'a'.split('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.split(b'')", repr(b'a'.split(b'')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.split(maxsplit='x')", repr(b'a'.split(maxsplit='x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.split(b'a', 1, 2)", repr(b'a'.split(b'a', 1, 2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.split(x=1)", repr(b'a'.split(x=1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.rsplit('x')", repr(b'a'.rsplit('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.join(['x'])", repr(b'a'.join(['x'])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.join([b'x', 1])", repr(b'a'.join([b'x', 1])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.join(5)", repr(b'a'.join(5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.replace('a', b'b')", repr(b'a'.replace('a', b'b')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.replace(b'a')", repr(b'a'.replace(b'a')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.replace(b'a', b'b', 'x')", repr(b'a'.replace(b'a', b'b', 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.strip('x')", repr(b'a'.strip('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.strip(1)", repr(b'a'.strip(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.lstrip(b'a', b'b')", repr(b'a'.lstrip(b'a', b'b')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.partition('x')", repr(b'a'.partition('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.partition(b'')", repr(b'a'.partition(b'')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.rpartition(b'')", repr(b'a'.rpartition(b'')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.center()", repr(b'a'.center()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.center(5, 'x')", repr(b'a'.center(5, 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.center(5, b'xy')", repr(b'a'.center(5, b'xy')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.center('x')", repr(b'a'.center('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.ljust(5, bytearray(b'xy'))", repr(b'a'.ljust(5, bytearray(b'xy'))))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.zfill('x')", repr(b'a'.zfill('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.zfill()", repr(b'a'.zfill()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.hex(1)", repr(b'a'.hex(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.hex('')", repr(b'a'.hex('')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.hex('ab')", repr(b'a'.hex('ab')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.hex('\\xe9')", repr(b'a'.hex('\xe9')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.hex(b'ab')", repr(b'a'.hex(b'ab')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.hex(':', 'x')", repr(b'a'.hex(':', 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes.fromhex(b'ab')", repr(bytes.fromhex(b'ab')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes.fromhex('a')", repr(bytes.fromhex('a')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes.fromhex('0g')", repr(bytes.fromhex('0g')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes.fromhex('00 1')", repr(bytes.fromhex('00 1')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes.fromhex()', repr(bytes.fromhex()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray.fromhex('zz')", repr(bytearray.fromhex('zz')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.splitlines(1, 2)", repr(b'a'.splitlines(1, 2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.splitlines(x=1)", repr(b'a'.splitlines(x=1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.decode('utf-8', 'foo')", repr(b'a'.decode('utf-8', 'foo')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'\\xff'.decode('utf-8', 'foo')", repr(b'\xff'.decode('utf-8', 'foo')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'\\xff'.decode('utf-8', 'xmlcharrefreplace')", repr(b'\xff'.decode('utf-8', 'xmlcharrefreplace')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.decode(1)", repr(b'a'.decode(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.decode('a', 'b', 'c')", repr(b'a'.decode('a', 'b', 'c')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.decode(encodin='x')", repr(b'a'.decode(encodin='x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.translate(b'x')", repr(b'a'.translate(b'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.translate(None, 'x')", repr(b'a'.translate(None, 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes.maketrans(b'a', b'bc')", repr(bytes.maketrans(b'a', b'bc')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes.maketrans('a', 'b')", repr(bytes.maketrans('a', 'b')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.removeprefix('a')", repr(b'a'.removeprefix('a')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.expandtabs('x')", repr(b'a'.expandtabs('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').append(256)", repr(bytearray(b'a').append(256)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').append('x')", repr(bytearray(b'a').append('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').append()", repr(bytearray(b'a').append()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').extend('x')", repr(bytearray(b'a').extend('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').extend(1)", repr(bytearray(b'a').extend(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').extend([256])", repr(bytearray(b'a').extend([256])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').extend(['x'])", repr(bytearray(b'a').extend(['x'])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray().pop()', repr(bytearray().pop()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').pop(5)", repr(bytearray(b'a').pop(5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').pop('x')", repr(bytearray(b'a').pop('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').pop(1, 2)", repr(bytearray(b'a').pop(1, 2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').insert(0)", repr(bytearray(b'a').insert(0)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').insert('x', 1)", repr(bytearray(b'a').insert('x', 1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').insert(0, 256)", repr(bytearray(b'a').insert(0, 256)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').remove(5)", repr(bytearray(b'a').remove(5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').remove(b'a')", repr(bytearray(b'a').remove(b'a')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').remove(300)", repr(bytearray(b'a').remove(300)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').clear(1)", repr(bytearray(b'a').clear(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').copy(1)", repr(bytearray(b'a').copy(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(b'a').reverse(1)", repr(bytearray(b'a').reverse(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("(1).to_bytes(1, 'x')", repr((1).to_bytes(1, 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('(1).to_bytes(-1)', repr((1).to_bytes(-1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("(256).to_bytes(1, 'big')", repr((256).to_bytes(1, 'big')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("(-1).to_bytes(1, 'big')", repr((-1).to_bytes(1, 'big')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("(1).to_bytes(1, 'big', True)", repr((1).to_bytes(1, 'big', True)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('(1).to_bytes(1, 2)', repr((1).to_bytes(1, 2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("(1).to_bytes('x')", repr((1).to_bytes('x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("(1).to_bytes(1, byteorder='big', x=1)", repr((1).to_bytes(1, byteorder='big', x=1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('(1).to_bytes(2**70)', repr((1).to_bytes(2**70)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('(1).to_bytes(-2**70)', repr((1).to_bytes(-2**70)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('int.from_bytes()', repr(int.from_bytes()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("int.from_bytes('ab')", repr(int.from_bytes('ab')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('int.from_bytes(1)', repr(int.from_bytes(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('int.from_bytes([1, 256])', repr(int.from_bytes([1, 256])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("int.from_bytes(b'a', 'x')", repr(int.from_bytes(b'a', 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("int.from_bytes(b'a', 'big', True)", repr(int.from_bytes(b'a', 'big', True)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("int.from_bytes(b'a', byteorder=1)", repr(int.from_bytes(b'a', byteorder=1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'a'.encode(1)", repr('a'.encode(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'a'.encode('utf-8', 'strict', 1)", repr('a'.encode('utf-8', 'strict', 1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'a'.encode(encodin='x')", repr('a'.encode(encodin='x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'\\udcff'.encode('utf-8', 'surrogateescape')", repr('\udcff'.encode('utf-8', 'surrogateescape')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'\\ud800'.encode('utf-8', 'surrogateescape')", repr('\ud800'.encode('utf-8', 'surrogateescape')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'\\ud800\\udc00x'.encode('ascii', 'surrogatepass')", repr('\ud800\udc00x'.encode('ascii', 'surrogatepass')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'a\\ud800\\ud801b'.encode()", repr('a\ud800\ud801b'.encode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'\\U0001f600'.encode('ascii')", repr('\U0001f600'.encode('ascii')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'\\u20ac'.encode('latin-1')", repr('\u20ac'.encode('latin-1')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("'é'.encode('ascii', 'foo')", repr('é'.encode('ascii', 'foo')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'\\xe0\\x80'.decode()", repr(b'\xe0\x80'.decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'\\xe0\\xa0'.decode()", repr(b'\xe0\xa0'.decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'\\xed\\xa0\\x80'.decode()", repr(b'\xed\xa0\x80'.decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'\\xf0\\x90\\x80'.decode()", repr(b'\xf0\x90\x80'.decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'ab\\x80'.decode('ascii')", repr(b'ab\x80'.decode('ascii')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.fromhex(1)", repr(b'a'.fromhex(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("format(b'a', 'x')", repr(format(b'a', 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes(b'a', 'utf-8')", repr(bytes(b'a', 'utf-8')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes(b'a', errors='strict')", repr(bytes(b'a', errors='strict')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes(errors='strict')", repr(bytes(errors='strict')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes(encoding='utf-8')", repr(bytes(encoding='utf-8')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray(1, 'utf-8')", repr(bytearray(1, 'utf-8')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytearray('a')", repr(bytearray('a')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray([300])', repr(bytearray([300])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray(-1)', repr(bytearray(-1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("bytes(source=b'x', encoding='utf-8')", repr(bytes(source=b'x', encoding='utf-8')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.count(b'a', None, 'x')", repr(b'a'.count(b'a', None, 'x')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.title(1)", repr(b'a'.title(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'a'.isdigit(1)", repr(b'a'.isdigit(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("b'ab'.hex(':', 2**70)", repr(b'ab'.hex(':', 2**70)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes(1.5)', repr(bytes(1.5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray(1.5)', repr(bytearray(1.5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes("a")', repr(bytes("a")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes(1, "a")', repr(bytes(1, "a")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes(-1)', repr(bytes(-1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes([256])', repr(bytes([256])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes([-1])', repr(bytes([-1])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes(["a"])', repr(bytes(["a"])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes(2**70)', repr(bytes(2**70)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes(x=1)', repr(bytes(x=1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes(1, 2, 3, 4)', repr(bytes(1, 2, 3, 4)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes("a", "utf-8", 3)', repr(bytes("a", "utf-8", 3)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes("a", 1)', repr(bytes("a", 1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray("a", encoding=None)', repr(bytearray("a", encoding=None)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('2**70 in b"a"', repr(2**70 in b"a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('-1 in b"a"', repr(-1 in b"a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"a" in b"a"', repr("a" in b"a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('None in bytearray()', repr(None in bytearray()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray(b"a")["x"]', repr(bytearray(b"a")["x"]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a"[5]', repr(b"a"[5]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a"[-2]', repr(b"a"[-2]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray(b"a")[5]', repr(bytearray(b"a")[5]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a"[2**70]', repr(b"a"[2**70]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a" + "b"', repr(b"a" + "b"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray() + 1', repr(bytearray() + 1))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('1 + b"a"', repr(1 + b"a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"a" + b"a"', repr("a" + b"a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a" * 2.0', repr(b"a" * 2.0))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a" * (2**70)', repr(b"a" * (2**70)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray(b"a") * (2**70)', repr(bytearray(b"a") * (2**70)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a" - b"a"', repr(b"a" - b"a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('-b"a"', repr(-b"a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a" < "a"', repr(b"a" < "a"))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray() > 1', repr(bytearray() > 1))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('hash(bytearray())', repr(hash(bytearray())))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('{bytearray(): 1}', repr({bytearray(): 1}))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytes.fromhex(1)', repr(bytes.fromhex(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a".nope', repr(b"a".nope))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('bytearray().nope', repr(bytearray().nope))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"\\u20ac".encode("latin-1")', repr("\u20ac".encode("latin-1")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"é".encode("ascii")', repr("é".encode("ascii")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"éé".encode("ascii")', repr("éé".encode("ascii")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"aéz€".encode("ascii")', repr("aéz€".encode("ascii")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"\\ud800".encode()', repr("\ud800".encode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"\\ud800\\udfffx".encode()', repr("\ud800\udfffx".encode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"\\ud800".encode("utf-8", "surrogateescape")', repr("\ud800".encode("utf-8", "surrogateescape")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"\\udcff\\ud800".encode("utf-8", "surrogateescape")', repr("\udcff\ud800".encode("utf-8", "surrogateescape")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"é".encode("ascii", "foo")', repr("é".encode("ascii", "foo")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"a".encode("nope")', repr("a".encode("nope")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('"a".encode("")', repr("a".encode("")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a".decode("nope")', repr(b"a".decode("nope")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xff".decode()', repr(b"\xff".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"a\\xffb".decode()', repr(b"a\xffb".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xc3".decode()', repr(b"\xc3".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xe0\\x80".decode()', repr(b"\xe0\x80".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xe0\\xa0".decode()', repr(b"\xe0\xa0".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xed\\xa0\\x80".decode()', repr(b"\xed\xa0\x80".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xf0\\x90\\x80".decode()', repr(b"\xf0\x90\x80".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xf4\\x90\\x80\\x80".decode()', repr(b"\xf4\x90\x80\x80".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xc0\\xaf".decode()', repr(b"\xc0\xaf".decode()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"ab\\x80".decode("ascii")', repr(b"ab\x80".decode("ascii")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xff".decode("utf-8", "foo")', repr(b"\xff".decode("utf-8", "foo")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xff".decode("utf-8", "xmlcharrefreplace")', repr(b"\xff".decode("utf-8", "xmlcharrefreplace")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"\\xff".decode("ascii")', repr(b"\xff".decode("ascii")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('str(b"\\xff", "utf-8")', repr(str(b"\xff", "utf-8")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('str(1, "utf-8")', repr(str(1, "utf-8")))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"ab".hex(bytearray(b"."))', repr(b"ab".hex(bytearray(b"."))))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"ab".hex([1])', repr(b"ab".hex([1])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('b"ab".hex(1)', repr(b"ab".hex(1)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('int.from_bytes(None)', repr(int.from_bytes(None)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('int.from_bytes(b"a", "big", signed=True, x=1)', repr(int.from_bytes(b"a", "big", signed=True, x=1)))
except Exception as e:
    print(type(e).__name__, e)

ba = bytearray(b'ab')
for stmt in range(8):
    try:
        if stmt == 0:
            ba[0] = 256
        elif stmt == 1:
            ba[0] = 'x'
        elif stmt == 2:
            ba[0:1] = 'x'
        elif stmt == 3:
            ba[0:1] = 5
        elif stmt == 4:
            ba[::2] = b'xyz'
        elif stmt == 5:
            ba[5] = 1
        elif stmt == 6:
            del ba[7]
        else:
            ba += ba
    except Exception as e:
        print(stmt, type(e).__name__, e)
for stmt in range(3):
    try:
        b = b'ab'
        if stmt == 0:
            b[0] = 1
        elif stmt == 1:
            del b[0]
        else:
            b += 'x'
    except Exception as e:
        print(stmt, type(e).__name__, e)
print(ba)
c = b'a'
for k in ('x', 1.5, None):
    try:
        print(c[k])
    except Exception as e:
        print(type(e).__name__, e)
try:
    c(1)
except Exception as e:
    print(type(e).__name__, e)
