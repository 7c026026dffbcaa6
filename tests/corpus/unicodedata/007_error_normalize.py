# expect: ValueError: invalid normalization form
# Forms are case-sensitive.
import unicodedata

print(unicodedata.normalize('NFKC', '\ufb01'))
print(unicodedata.normalize('nfc', 'x'))
