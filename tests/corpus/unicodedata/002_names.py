# expect: ok
# name() and lookup(): algorithmic names, aliases, named sequences, case rules.
import unicodedata as u

for ch in "a \x00\u00e9\u4e00\U0002a6df\uac00\ud7a3\uae4c\uf900\U0001b170\U00018b00\u1f600\U0001f600\ufdfa\U000e01ef\u0378":
    print(ascii(ch), u.name(ch, None))
for name in ["LATIN SMALL LETTER A", "latin small letter a", "Latin Capital Letter Gha",
             "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-04E00",
             "CJK UNIFIED IDEOGRAPH-2A6DF", "HANGUL SYLLABLE GA", "HANGUL SYLLABLE GGAG",
             "HANGUL SYLLABLE A", "NUSHU CHARACTER-1B170", "nushu character-1b170",
             "CJK COMPATIBILITY IDEOGRAPH-F900", "BYTE ORDER MARK", "NULL", "LF",
             "LATIN SMALL LETTER R WITH TILDE", "KEYCAP NUMBER SIGN", "TAMIL SYLLABLE SSAI",
             "SNAKE", "GRINNING FACE", b"SNOWMAN"]:
    print(repr(name), ascii(u.lookup(name)))
for bad in ["CJK UNIFIED IDEOGRAPH-4e00", "cjk unified ideograph-4E00", "CJK UNIFIED IDEOGRAPH-2A6E0",
            "CJK UNIFIED IDEOGRAPH-", "HANGUL SYLLABLE ", "hangul syllable ga", "HANGUL SYLLABLE GAX",
            "NUSHU CHARACTER-01B170", "LATIN SMALL LETTER A ", " SNAKE", "SNAKE\x00", "", "\u00e9",
            "x" * 256, "x" * 257, "LINE FEED (LF)"]:
    try:
        u.lookup(bad)
    except KeyError as e:
        print(ascii(bad[:40]), "KeyError", ascii(e.args[0]))
