# expect: TypeError: unhashable type: 'set'
print(hash(frozenset({1})))
print(hash({1}))
