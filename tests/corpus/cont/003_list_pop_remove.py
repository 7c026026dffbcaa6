# expect: ok
l = [10, 20, 30, 40, 50, 20]
print(l.pop(), l)
print(l.pop(0), l)
print(l.pop(-2), l)
print(l.pop(True), l)
l.remove(20)
print(l)
l.remove(20.0) if 20 in l else None
print(l)
