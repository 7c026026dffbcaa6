# expect: ok
# bytearray: an empty value assigned to an extended slice deletes it (CPython's quirk; lists raise)
a = bytearray(b"abcdef")
a[::2] = b""
print(a)
a = bytearray(b"abcdef")
a[::-2] = bytearray()
print(a)
a = bytearray(b"abcdef")
a[1:1:2] = b""
print(a)
try:
    a[::2] = b"x"
except ValueError as e:
    print(e)
l = [1, 2, 3]
try:
    l[::2] = []
except ValueError as e:
    print(e)
