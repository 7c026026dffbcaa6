# expect: TypeError: iter() returned non-iterator of type 'int'
class A:
    def __iter__(self):
        return 1
print("x")
for i in A():
    pass
