# expect: ValueError: invalid normalization form
# Forms are case-sensitive.
import unicodedata

print(unicodedata.normalize('NFKC', '\ufb01'))
unicodedata.normalize('nfc', 'x')
