# expect: ok
class S:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)
s = S()
s.a = 5
print(s.a)
setattr(s, "b", 1)
print(s.b, vars(s) if False else sorted(s.__dict__.items()))
del s.a
print(hasattr(s, "a"))
class T(S):
    def __setattr__(self, name, value):
        super().__setattr__(name, value + 1)
t = T()
t.q = 1
print(t.q)
class Frozen:
    def __setattr__(self, n, v):
        raise AttributeError("frozen")
try:
    Frozen().x = 1
except AttributeError as e:
    print("err", e)
