# expect: ok
print('Hello World'.upper(), 'Hello World'.lower())
print('ß'.upper(), 'ﬁ'.upper(), 'ŉ'.upper())
print('ÀÉÎÕÜ'.lower(), 'àéîõü'.upper())
print('İ'.lower(), len('İ'.lower()))
print('ΑΣ'.lower(), 'ΑΣα'.lower(), 'ΑΣ Σ'.lower(), 'Σ'.lower())
print('A.Σ'.lower(), "A'Σ".lower(), 'AΣ.b'.lower(), 'AΣ\u0301'.lower())
print('ǅ'.upper(), 'ǅ'.lower(), 'ᾈ'.upper(), 'ᾈ'.lower())
print('123 abc!'.upper(), ''.upper(), ''.lower())
