# expect: TypeError: Strings must be encoded before hashing
# hashlib's messages for wrong arguments.
import hashlib

h = hashlib.sha256()
tests = [
    lambda: hashlib.sha256("text"),
    lambda: hashlib.md5(1),
    lambda: h.update("x"),
    lambda: h.update(),
    lambda: h.update(b"a", b"b"),
    lambda: h.digest(1),
    lambda: h.hexdigest(1),
    lambda: h.copy(1),
    lambda: hashlib.sha1(b"", b""),
    lambda: hashlib.sha1(data=b""),
    lambda: hashlib.sha1(b"", string=b""),
    lambda: hashlib.new("nope"),
    lambda: hashlib.new(),
    lambda: hashlib.new(1),
    lambda: hashlib.new("md5", b"", string=b"x"),
    lambda: hashlib.new("md5", foo=1),
]
for t in tests:
    try:
        t()
        print("no error")
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
x = hashlib.sha512().update("str")
