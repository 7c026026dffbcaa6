# expect: ok
print(b'a=b=c'.partition(b'='), b'a=b=c'.rpartition(b'='), b'abc'.partition(b'x'), b'abc'.rpartition(b'x'))
print(b'abc'.partition(b'abc'), b''.partition(b'x'), bytearray(b'k:v').partition(b':'), b'k::v'.rpartition(bytearray(b'::')))
print(b'ab'.center(7), b'ab'.center(6, b'*'), b'abc'.center(6, b'-'), b'abc'.center(2), b'a'.center(4, bytearray(b'.')))
for w in range(0, 8):
    print(w, b'x'.center(w, b'.'), b'xy'.center(w, b'.'), b'ab'.ljust(w, b'_'), b'ab'.rjust(w))
print(b'42'.zfill(5), b'-42'.zfill(5), b'+4'.zfill(4), b''.zfill(3), b'abc'.zfill(2), b'-'.zfill(3))
print(bytearray(b'7').zfill(3), bytearray(b'x').ljust(3), bytearray(b'x').center(3, b'#'))
