# expect: IndexError: pop from empty list
l = [1]
print(l.pop())
print(l.pop())
