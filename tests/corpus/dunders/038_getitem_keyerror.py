# expect: KeyError: 'missing'
class Box:
    def __getitem__(self, k):
        return {}[k]
print("x")
print("x")
v = Box()["missing"]
