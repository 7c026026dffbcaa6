# expect: TypeError: 'int' object is not iterable
print(list([1]), list({1: 2}), list({5}))
try:
    list(1, 2)
except TypeError as e:
    print(e)
x = list(5)
