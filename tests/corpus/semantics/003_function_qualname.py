# expect: ok
def f():
    def g(): pass
    return g, lambda: 0, [lambda: 1 for _ in (1,)][0], [x for x in [g]][0]
print([x.__qualname__ for x in f()], [x.__name__ for x in f()])
def h():
    global k
    def k(): pass
    k()
    return k
print(h().__qualname__, (lambda: 0).__qualname__, f.__qualname__)
def a():
    def b():
        def c(): pass
        return c
    return b()
print(a().__qualname__)
print(repr(a()).split(" at ")[0])
