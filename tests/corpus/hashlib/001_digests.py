# expect: ok
# Every algorithm on messages around the block boundaries, update() in
# pieces, copy(), digest()/hexdigest() and the attributes.
import hashlib

names = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]
msgs = [b"", b"abc", b"a" * 55, b"a" * 56, b"a" * 63, b"a" * 64, b"a" * 111, b"a" * 112,
        b"a" * 127, b"a" * 128, b"a" * 129, bytes(range(256)) * 5,
        b"The quick brown fox jumps over the lazy dog"]
for name in names:
    ctor = getattr(hashlib, name)
    for m in msgs:
        print(name, len(m), ctor(m).hexdigest())
    h = ctor()
    print(h.name, h.digest_size, h.block_size, len(h.digest()), h.digest() == ctor(b"").digest())
    for i in range(0, 300, 7):
        h.update(bytes(range(i % 256))[:i % 50])
    c = h.copy()
    c.update(b"more")
    print(h.hexdigest(), c.hexdigest())
    print(hashlib.new(name, b"abc").hexdigest() == ctor(b"abc").hexdigest())
    print(ctor(bytearray(b"xyz")).digest())
    print(ctor(string=b"kw", usedforsecurity=False).hexdigest())
print(hashlib.new("SHA256", data=b"q").hexdigest())
print(sorted(hashlib.algorithms_guaranteed & set(names)))
