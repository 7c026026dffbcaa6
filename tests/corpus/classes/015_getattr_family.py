# expect: AttributeError: type object 'A' has no attribute 'nope'
class A:
    z = 0
    def __init__(self):
        self.b = 2
        self.a = 1
    def m(self):
        return "m"
o = A()
setattr(o, "c", 3)
print(getattr(o, "c"), vars(o), o.__dict__ is vars(o))
delattr(o, "c")
print(hasattr(o, "c"), vars(o))
print(getattr(o, "m")(), getattr(A, "z"), getattr(A, "m")(o))
print([n for n in dir(o) if not n.startswith("__")])
print([n for n in dir(A) if not n.startswith("__")])
print(dir(o) == sorted(dir(o)), "__init__" in dir(A), "__dict__" in dir(o), "__module__" in dir(A))
setattr(A, "new_attr", 5)
print(o.new_attr)
delattr(A, "new_attr")
print(hasattr(o, "new_attr"))
class B(A):
    y = 1
print([n for n in dir(B()) if not n.startswith("__")])
try:
    vars(1)
except TypeError as e:
    print(e)
try:
    delattr(o, "nope")
except AttributeError as e:
    print(e)
try:
    setattr(o, 5, 1)
except TypeError as e:
    print(e)
o.__dict__["direct"] = 9
print(o.direct)
x = delattr(A, "nope")
