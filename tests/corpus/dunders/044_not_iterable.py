# expect: TypeError: 'A' object is not iterable
class A:
    pass
print("x")
for i in A():
    pass
