# expect: ok
l = [2, 1]
l.sort(key=None)
print(l)
try:
    l.sort(lambda x: x)
except TypeError as e:
    print(e)
try:
    l.sort(cmp=1)
except TypeError as e:
    print(e)
l.sort(reverse=1)
print(l)
