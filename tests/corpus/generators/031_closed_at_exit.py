# expect: ok
# generators still suspended when the program ends are closed (finally
# blocks, __exit__, except GeneratorExit), bound globals in creation order
def gen(name):
    try:
        yield 1
        yield 2
    finally:
        print("finally", name)

class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        return self
    def __exit__(self, *a):
        print("exit", self.n, a[0].__name__)
        return False

def with_gen(name):
    with CM(name):
        yield 1

def catching():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit caught")
        raise

first = None
a = gen("a"); next(a)
_u = gen("_u"); next(_u)
b = with_gen("b"); next(b)
c = gen("never started")
done = gen("exhausted"); list(done)
d = catching(); next(d)
closed = gen("closed early"); next(closed); closed.close()
def f():
    g = gen("local"); next(g)
    print("f returns")
f()
x = gen("x1"); next(x)
x = gen("x2"); next(x)
late = gen("created second, bound first")
first = gen("created first? no"); next(first)
next(late)
print("end of program")
