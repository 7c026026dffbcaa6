# expect: ok
class B:
    def __init__(self, b):
        self.b = b
    def __bool__(self):
        return self.b
class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(bool(B(True)), bool(B(False)), not B(False), bool(L(0)), bool(L(3)), len(L(5)))
if L(0):
    print("no")
else:
    print("empty")
print(B(False) or "alt", L(2) and "both")
while L(0):
    pass
x = [1 for _ in range(3) if B(True)]
print(x)
class N:
    pass
print(bool(N()))
class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
print(bool(Both()), len(Both()))
