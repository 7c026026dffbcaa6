# expect: TypeError: list.count() takes exactly one argument (0 given)
l = [1]
try:
    l.append()
except TypeError as e:
    print(e)
try:
    l.append(1, 2)
except TypeError as e:
    print(e)
try:
    l.insert(1)
except TypeError as e:
    print(e)
try:
    l.pop(1, 2)
except TypeError as e:
    print(e)
try:
    l.index()
except TypeError as e:
    print(e)
try:
    l.reverse(1)
except TypeError as e:
    print(e)
try:
    l.pop('0')
except TypeError as e:
    print(e)
try:
    l.append(x=1)
except TypeError as e:
    print(e)
_ = l.count()
