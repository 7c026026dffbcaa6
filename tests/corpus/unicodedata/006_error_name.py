# expect: TypeError: name() argument 1 must be a unicode character, not str
# name() of a two-character string.
import unicodedata

print(unicodedata.name('\u00e9'))
print(unicodedata.name('ab'))
