# expect: ok
class A:
    "doc"
    x: int = 3
    y: 'str'
    (z): int = 4
    if True:
        w: list
print(A.__annotations__, A.x, A.z)
print([k for k in A.__dict__ if k in ('__annotations__', '__doc__', 'x', 'z')])
class B:
    pass
print(B.__dict__.get('__annotations__'))
def f():
    class C:
        a: int
        def m(self): return __annotations__
    return C
print(f().__annotations__, f()().m.__qualname__)
