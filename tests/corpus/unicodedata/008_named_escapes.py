# expect: ok
# \N{NAME} escapes in str literals, f-strings and re patterns read the same names.
import re

print(ascii("\N{LATIN SMALL LETTER E WITH ACUTE}\N{snowman}\N{BYTE ORDER MARK}\N{NULL}"))
print(ascii("\N{HANGUL SYLLABLE GAG}\N{CJK UNIFIED IDEOGRAPH-4E00}\N{Latin Capital Letter Gha}"))
print(f"\N{GREEK SMALL LETTER ALPHA}{1 + 1}\N{DIGIT TWO}", f"{3:\N{DIGIT ONE}>5}", f"\\N{1 + 1}")
print(b"\N{x}", r"\N{x}", "\\N{x}")
print(re.findall(r"\N{LATIN SMALL LETTER A}+", "baaac"), re.findall(r"[\N{DIGIT ONE}-\N{digit three}]", "0123"))
for p in [r"\N{NO SUCH}", r"x\N{LATIN SMALL LETTER R WITH TILDE}", r"\N{}", r"\N", r"[\N{nope}]",
          r"\N{CJK UNIFIED IDEOGRAPH-4e00}",
          r"\N{ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORMX}",
          "\\N{" + "A" * 300 + "}"]:
    try:
        re.compile(p)
    except re.error as e:
        print(p[:40], str(e)[:70], e.pos)
