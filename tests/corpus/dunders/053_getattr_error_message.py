# expect: AttributeError: nope
class G:
    def __getattr__(self, name):
        raise AttributeError("nope")
print("x")
v = G().missing
