# expect: KeyError: "undefined character name 'NO SUCH CHARACTER NAME'"
# An unknown name ends the program with KeyError.
import unicodedata

print(unicodedata.lookup('SNAKE'))
print(unicodedata.lookup('NO SUCH CHARACTER NAME'))
