# expect: ok
class CM:
    def __enter__(self):
        return "class enter"
    def __exit__(self, *a):
        print("class exit")
c = CM()
c.__enter__ = lambda: "instance enter"
with c as v:
    print(v)
