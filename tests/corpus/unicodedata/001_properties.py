# expect: ok
# Every property function on characters of many categories and scripts.
import unicodedata

print(unicodedata.unidata_version)
for ch in "aZ5 \u00e9\u0301\u05d0\u0627\u0663\u00bd\u2167\u4e00\uac00\u3000\uff21\u200d\U0001f600\U00016b61\ufeff\ud800\ue000\U000e0001\u0378(":
    print(ascii(ch), unicodedata.category(ch), repr(unicodedata.bidirectional(ch)),
          unicodedata.combining(ch), unicodedata.east_asian_width(ch), unicodedata.mirrored(ch),
          unicodedata.decimal(ch, None), unicodedata.digit(ch, None), unicodedata.numeric(ch, None),
          repr(unicodedata.decomposition(ch)))
print(unicodedata.numeric("\u2155"), unicodedata.numeric("\u0f33"), unicodedata.numeric("\U00012432"))
print(unicodedata.decimal("x", "no"), unicodedata.digit("\u2460"), unicodedata.numeric("\u2189"))
print(sorted(n for n in dir(unicodedata) if n[0] != "_" and n not in ("UCD", "ucd_3_2_0")))
