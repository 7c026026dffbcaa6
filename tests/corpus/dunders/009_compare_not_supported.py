# expect: TypeError: '<' not supported between instances of 'A' and 'B'
class A:
    pass
class B:
    def __gt__(self, o):
        return NotImplemented
print(A() == B(), A() != B())
x = A() < B()
