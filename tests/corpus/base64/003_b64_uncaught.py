# expect: binascii.Error: Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4
# An uncaught binascii.Error from base64 (module-qualified in the traceback).
import base64

print(base64.b64encode(b"pyexpr"), base64.b64decode(b"cHlleHBy"))
print(base64.urlsafe_b64decode(base64.urlsafe_b64encode(b"\xfb\xff")))
x = base64.b64decode("abcde")
