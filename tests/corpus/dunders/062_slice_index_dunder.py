# expect: ok
class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
s = "abcdefgh"
l = list(range(10))
print(s[I(1):I(5)], s[::I(2)], l[I(-3):], (1, 2, 3)[I(1)], "abcb".find("b", I(2)))
l[I(0):I(2)] = ["x"]
del l[I(-1)]
print(l, l.pop(I(0)), l.insert(I(1), "y"), l)
print(bin(I(-5)), oct(I(64)), hex(I(0)), "%d|%x" % (I(7) if False else 7, 255))
