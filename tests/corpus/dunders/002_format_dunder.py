# expect: ok
class M:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        if spec == "":
            return "M!"
        return "M[" + spec + "]"
    def __str__(self):
        return "strM"
m = M(3)
print(format(m), format(m, "x>10"), f"{m}", f"{m:>5}", f"{m!s}", f"{m!r:.3}"[:2])
print("{:abc}".format(m), "{0:z}".format(m))
class D:
    pass
d = D()
print(format(3, "d"), f"{D.__name__}")
class W:
    def __repr__(self):
        return "W"
print(f"{W()}|", format(W(), ""))
