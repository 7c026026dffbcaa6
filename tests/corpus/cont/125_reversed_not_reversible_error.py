# expect: TypeError: 'set' object is not reversible
print(list(reversed([1, 2])))
r = reversed({1, 2})
