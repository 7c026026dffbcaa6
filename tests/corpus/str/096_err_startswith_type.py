# expect: TypeError: startswith first arg must be str or a tuple of str, not list
print('abc'.startswith(('x', 'a')))
x = 'abc'.startswith(['a'])
