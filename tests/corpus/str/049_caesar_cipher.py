# expect: ok
def shift(s, k):
    out = []
    for c in s:
        if c.isupper():
            out.append(chr((ord(c) - 65 + k) % 26 + 65))
        elif c.islower():
            out.append(chr((ord(c) - 97 + k) % 26 + 97))
        else:
            out.append(c)
    return ''.join(out)

msg = 'Hello, World! é'
enc = shift(msg, 3)
print(enc)
print(shift(enc, -3))
