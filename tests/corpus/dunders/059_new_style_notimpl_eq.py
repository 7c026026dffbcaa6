# expect: ok
class A:
    def __eq__(self, o):
        return NotImplemented
a = A()
print(a == a, a == A(), a != a, a != A())
class B:
    def __ne__(self, o):
        return "custom ne"
print(B() != 1, B() == 1)
