# expect: ok
def trace(label):
    def deco(f):
        def wrapper(*args, **kwargs):
            print("call", label, f.__name__, len(args), kwargs)
            return f(*args, **kwargs)
        return wrapper
    return deco

def double(f):
    return lambda *a: 2 * f(*a)

@trace("outer")
@double
def add(a, b):
    return a + b

print(add(1, 2))

registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls

@register
class First:
    pass

@register
class Second(First):
    @trace("method")
    def m(self, x):
        return x + 1

print(registry, Second().m(10))
decos = [double, double]
@decos[0]
@decos[1]
def four(x):
    return x
print(four(3))
class Obj:
    def deco(self, f):
        return lambda: "wrapped " + f()
o = Obj()
@o.deco
def hello():
    return "hello"
print(hello())
@(lambda f: f)
def ident():
    return "ident"
print(ident())
def order(tag):
    print("evaluating", tag)
    def d(f):
        print("applying", tag)
        return f
    return d
@order(1)
@order(2)
def ordered():
    pass
@order("c1")
class Ordered:
    print("class body")
