# expect: ValueError: __len__() should return >= 0
class L:
    def __len__(self):
        return -1
print("x")
n = len(L())
