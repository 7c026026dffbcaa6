# expect: TypeError: unhashable type: 'list'
print(hash((1, (2, 3))))
print(hash((1, [2, 3])))
