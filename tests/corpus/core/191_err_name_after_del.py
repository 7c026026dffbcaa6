# expect: NameError: name 'a' is not defined
a = 5
print(a)
del a
print(a)
