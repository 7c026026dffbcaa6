# expect: AttributeError: 'list' object has no attribute 'apend'. Did you mean: 'append'?
items = [3, 1, 2]
print(sorted(items))
x = items.apend(4)
