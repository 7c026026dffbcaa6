# expect: ok
print('hello world'.title())
print("they're bill's friends".title())
print('a1b2c3 xY'.title())
print('ß straße'.title(), 'ǆa'.title(), 'ﬃ'.title())
print('ΣΣ'.title(), 'AΣ AΣΣ'.title())
print('hELLO wORLD'.capitalize(), '1aB'.capitalize(), 'ß'.capitalize())
print('ǳ'.capitalize(), 'aΣ'.capitalize(), ''.capitalize())
print('ᾀ'.title(), 'ΐ'.title())
