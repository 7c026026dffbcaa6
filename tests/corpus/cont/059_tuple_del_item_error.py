# expect: TypeError: 'tuple' object doesn't support item deletion
t = (1, 2)
print(t)
del t[0]
