# expect: ok
class D:
    def __get__(s, o, t=None): return "descr"
    def __set__(s, o, v): print("set", v)
class A: pass
a = A()
a.x = 1
print(a.x)
A.x = D()
print(a.x)
a.x = 5
del A.x
print(a.x)
A.y = 2
print(a.y)
