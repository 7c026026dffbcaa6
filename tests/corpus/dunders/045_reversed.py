# expect: ok
class R:
    def __reversed__(self):
        return iter("cba")
class S:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return "xyz"[i]
print(list(reversed(R())), list(reversed(S())), "".join(reversed(S())))
