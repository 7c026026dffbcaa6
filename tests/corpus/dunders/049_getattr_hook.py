# expect: ok
class G:
    x = 1
    def __init__(self):
        self.y = 2
    def __getattr__(self, name):
        if name.startswith("dyn"):
            return name.upper()
        raise AttributeError(name)
g = G()
print(g.x, g.y, g.dyn_a, getattr(g, "dynB"), hasattr(g, "nope"), getattr(g, "nope", "dflt"))
class GA:
    def __getattribute__(self, name):
        if name == "secret":
            return 42
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback:" + name
ga = GA()
ga.z = 5
print(ga.secret, ga.z, ga.other)
