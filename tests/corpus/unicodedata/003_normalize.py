# expect: ok
# normalize()/is_normalized() in the four forms; canonical reordering, Hangul.
import unicodedata as u

samples = ["", "abc", "e\u0301", "\u00e9", "\u1e9b\u0323", "\uac00\u11a8", "\u1100\u1161\u11a8",
           "\ufb01 \u2460 \u00bd \u3300", "A\u0323\u030a\u0301", "\u0041\u030a\u0323",
           "\u212b\u2126\u00c5", "\u0f73\u0f75\u0f81", "a\u0328\u0301\u0315\u0300",
           "\u1100\uac00\u11a8", "\U0001d15e\U0001d165", "\ufdfa", "\u0344\u0385",
           "\u05d0\u05b7\u05bc", "\u0958\u0915\u093c", "\u2001\u3000\uff21"]
for s in samples:
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        print(form, ascii(s), ascii(u.normalize(form, s)), u.is_normalized(form, s))
long = "a" + "\u0301\u0316" * 500
print(len(u.normalize("NFC", long)), u.normalize("NFD", long)[:6] == "a\u0316\u0316\u0316\u0316\u0316")
