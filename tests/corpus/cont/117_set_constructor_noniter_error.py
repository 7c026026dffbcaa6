# expect: TypeError: 'int' object is not iterable
print(set([1, 2]), set((3,)), set({4: 5}), set('aa'), set(range(3)))
try:
    set(1, 2)
except TypeError as e:
    print(e)
try:
    set(x=1)
except TypeError as e:
    print(e)
s = set(7)
