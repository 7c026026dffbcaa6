# expect: ok
l = list(range(10))
l[::2] = 'abcde'
print(l)
l[1::2] = [-1] * 5
print(l)
l[::-3] = [0, 0, 0, 0]
print(l)
l[8:2:-2] = (7, 7, 7)
print(l)
l[::-1] = l
print(l)
l[5:5:2] = []
print(l)
