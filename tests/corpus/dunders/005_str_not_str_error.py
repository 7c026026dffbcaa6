# expect: TypeError: __str__ returned non-string (type NoneType)
class A:
    def __str__(self):
        return None
print(repr([1]))
print(str(A()))
