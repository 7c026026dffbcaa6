# expect: ok
class OneBased(list):
    def __getitem__(self, i):
        return super().__getitem__(i - 1)
    def __len__(self):
        return 99
o = OneBased([10, 20, 30])
print(o[1], o[3], len(o), list(o))
class NoEq(list):
    def __eq__(self, o):
        return "custom"
print(NoEq([1]) == [1])
class Cont(list):
    def __contains__(self, x):
        return True
print(5 in Cont(), 5 in Cont([1]))
