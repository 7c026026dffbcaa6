# expect: ok
class Seq:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(*self.items[i])
        return self.items[i]
    def __repr__(self):
        return "Seq%r" % (tuple(self.items),)
s = Seq(1, 2, 3, 4)
print(s[-1], s[1:3], s[::-1], len(s), list(reversed(s)), 3 in s, 9 in s, list(s))
x, *rest = s
print(x, rest, dict(enumerate(s)), min(s), sorted(s, reverse=True))
