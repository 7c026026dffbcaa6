# expect: TypeError: unhashable type: 'slice'
s = slice(1, 2)
print(s)
print(hash(s))
