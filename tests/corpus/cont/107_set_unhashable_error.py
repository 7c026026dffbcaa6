# expect: TypeError: unhashable type: 'list'
s = {1}
s.add((2, 3))
print(s)
_ = s.add([4])
