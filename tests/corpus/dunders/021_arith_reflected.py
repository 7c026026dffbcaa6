# expect: ok
class R:
    def __init__(self, v):
        self.v = v
    def __radd__(self, o):
        return ("radd", o)
    def __rsub__(self, o):
        return ("rsub", o)
    def __rmul__(self, o):
        return ("rmul", o)
    def __rtruediv__(self, o):
        return ("rtruediv", o)
    def __rfloordiv__(self, o):
        return ("rfloordiv", o)
    def __rmod__(self, o):
        return ("rmod", o)
    def __rpow__(self, o):
        return ("rpow", o)
    def __rlshift__(self, o):
        return ("rlshift", o)
    def __rrshift__(self, o):
        return ("rrshift", o)
    def __rand__(self, o):
        return ("rand", o)
    def __ror__(self, o):
        return ("ror", o)
    def __rxor__(self, o):
        return ("rxor", o)
    def __rmatmul__(self, o):
        return ("rmatmul", o)
    def __rdivmod__(self, o):
        return ("rdivmod", o)
r = R(1)
print(1 + r, 2 - r, 3 * r, 4 / r, 5 // r, 6 % r, 7 ** r, 8 << r, 9 >> r)
print(1 & r, 2 | r, 3 ^ r, 4 @ r if False else None, divmod(5, r), pow(2, r))
print("s" + r, [1] * r, 1.5 + r, (1,) + r, None + r if False else 0)
print(sum([r], 0) if False else sum([1, 2], 0))
print(sum([1, r][1:], 5))
