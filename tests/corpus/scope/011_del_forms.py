# expect: ok
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[1:3]
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["a"], d["b"]
print(d)
a, b = 1, 2
del (a, b)
x = [[1, 2], [3, 4]]
del x[0][1], x[1]
print(x)
y = 5
del [y]
try:
    print(y)
except NameError as e:
    print(e)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
