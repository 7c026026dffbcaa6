# expect: ok
s = 'aé€𝄞\udcff\ud800z'
for enc in ('ascii', 'latin-1', 'utf-8'):
    for h in ('ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace'):
        print(enc, h, s.encode(enc, h))
print('\udc80\udcff'.encode('utf-8', 'surrogateescape'), '\udc80x'.encode('ascii', 'surrogateescape'))
print('\ud800\udfff'.encode('utf-8', 'surrogatepass'), b'\xed\xa0\x80'.decode('utf-8', 'surrogatepass') == '\ud800')
bad = b'a\xffb\xc3\xe9\xe2\x82c\xf0\x9f\x98d\xed\xa0\x80e\xc0\xafz'
for enc in ('utf-8', 'ascii'):
    for h in ('ignore', 'replace', 'backslashreplace', 'surrogateescape'):
        r = bad.decode(enc, h)
        print(enc, h, ascii(r), len(r))
print(b'\xff\xfe'.decode('utf-8', 'surrogateescape').encode('utf-8', 'surrogateescape'))
print(b'a'.decode('utf-8', 'no-such-handler'), 'a'.encode('ascii', 'no-such-handler'))
print('é'.encode('ascii', errors='replace'), b'\xff'.decode(errors='replace'))
