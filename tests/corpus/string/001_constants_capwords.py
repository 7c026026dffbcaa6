# expect: ok
import string
print(repr(string.whitespace), string.ascii_lowercase, string.ascii_uppercase, string.ascii_letters)
print(string.digits, string.hexdigits, string.octdigits, string.punctuation)
print(repr(string.printable), len(string.printable))
print(string.capwords('hello   world  foo'), string.capwords(' a-b c_d '), string.capwords('x,y,z', ','), string.capwords(''))
print(string.capwords('ÉCOLE über'), string.capwords('aBC dEF', None))
