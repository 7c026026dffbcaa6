# expect: ok
class A:
    def __eq__(self, o):
        return None
print(A() == 1, A() != 1)
class L(list):
    def __eq__(self, o):
        return "L.eq"
print(L() == [], [] == L(), L() != [])
