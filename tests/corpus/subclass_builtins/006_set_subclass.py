# expect: ok
class S(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)
s = S([1, 2])
s.add_all(3, 4)
print(sorted(s), len(s), 3 in s, type(s).__name__, isinstance(s, set), s == {1, 2, 3, 4})
print(sorted(s | {9}), sorted(s & {1, 9}))
