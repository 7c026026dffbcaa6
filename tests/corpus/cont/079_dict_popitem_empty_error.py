# expect: KeyError: 'popitem(): dictionary is empty'
d = {1: 1}
print(d.popitem())
print(d.popitem())
