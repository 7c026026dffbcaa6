# expect: TypeError: 'float' object cannot be interpreted as an integer
class L:
    def __len__(self):
        return 1.5
print("x")
n = len(L())
