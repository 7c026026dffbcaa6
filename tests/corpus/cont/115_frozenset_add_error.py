# expect: AttributeError: 'frozenset' object has no attribute 'add'
f = frozenset({1})
print(f)
_ = f.add(2)
