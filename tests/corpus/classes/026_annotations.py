# expect: ok
# class-body and module annotations fill __annotations__ (evaluated, in order)
class Config:
    name: str
    size: int = 3
    tags: "list[str]" = []
    if size > 1:
        big: bool = True
    other = 5
    for i in range(2):
        loop: float
    print("in body", __annotations__)

print(Config.__annotations__, Config.size, Config.big, hasattr(Config, "name"))
print(list(Config.__annotations__), "__annotations__" in Config.__dict__)

class Child(Config):
    extra: dict
print(Child.__annotations__, Config.__annotations__ is not Child.__annotations__)

class Empty:
    pass
print(Empty.__annotations__, "__annotations__" in Empty.__dict__)
Empty.__annotations__["k"] = int
print(Empty.__annotations__)

class Obj:
    pass
o = Obj()
o.attr: int = 4
d = {}
d["key"]: str = "v"
total: int = 10
count: float
print(o.attr, d, total, __annotations__)

def f(x: int) -> int:
    y: int = x + 1
    z: list
    return y
print(f(1))

def trace(label):
    print("eval", label)
    return label
class Order:
    a: trace("A") = trace("a value")
    b: trace("B")
print(Order.__annotations__)
print(Order().__annotations__ is Order.__annotations__, int.__dict__.get("__annotations__"))
