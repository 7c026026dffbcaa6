# expect: IndexError: pop index out of range
l = [1, 2, 3]
print(l.pop(-3))
print(l.pop(5))
