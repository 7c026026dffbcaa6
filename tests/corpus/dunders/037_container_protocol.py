# expect: ok
class Box:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        print("get", k)
        return self.d[k]
    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v
    def __delitem__(self, k):
        print("del", k)
        del self.d[k]
    def __contains__(self, k):
        print("contains", k)
        return k in self.d
    def __len__(self):
        return len(self.d)
b = Box()
b["a"] = 1
b[1, 2] = "t"
print(b["a"], b[1, 2], "a" in b, "z" not in b, len(b))
del b["a"]
print(len(b))
b[(1, 3)] = "s"
print(b[1, 3])
b["n"] = 0
b["n"] += 5
print(b["n"])
