# expect: KeyError: 'pop from an empty set'
s = {1}
print(s.pop())
print(s.pop())
