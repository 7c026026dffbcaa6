# expect: TypeError: unhashable type: 'list'
s = {1}
print(1 in s)
print([1] in s)
