# expect: TypeError: can only concatenate tuple (not "list") to tuple
t = (1,)
print(t + (2,))
print(t + [2])
