# expect: ok
# a method reads a variable of the function around its class, which the class body also assigns
def f():
    x = 1
    class A:
        x = 3
        def g(self):
            return x
        y = x
        def h(self):
            nonlocal x
            x += 10
            return x
    a = A()
    return a.g(), A.x, A.y, a.h(), a.g(), x
print(f())
def outer():
    v = "outer"
    class B:
        v = "class"
        class C:
            def m(self):
                return v
        w = [v for _ in range(1)]
    return B.C().m(), B.v, B.w
print(outer())
