# expect: ok
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ, val, tb)
        return False
with CM("a") as c:
    print("body", c.name)
with CM("b"):
    print("no target")
with CM("x") as x, CM("y") as y:
    print("two", x.name, y.name)
with (CM("p") as p, CM("q") as q,):
    print("parenthesized", p.name, q.name)
with CM("n1"):
    with CM("n2"):
        print("nested")
