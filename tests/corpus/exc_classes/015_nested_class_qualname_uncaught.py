# expect: A.E: 1
class A:
    class E(Exception): pass
print(A.E.__qualname__)
raise A.E(1)
