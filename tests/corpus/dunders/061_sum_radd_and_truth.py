# expect: ok
class Money:
    def __init__(self, c):
        self.c = c
    def __add__(self, o):
        if isinstance(o, Money):
            return Money(self.c + o.c)
        return NotImplemented
    def __radd__(self, o):
        if o == 0:
            return self
        return NotImplemented
    def __repr__(self):
        return "Money(%d)" % self.c
    def __bool__(self):
        return self.c != 0
print(sum([Money(1), Money(2), Money(3)]), sum([], Money(0)))
m = Money(0)
print(not m, bool(Money(5)), m or "zero", Money(2) and "two")
n = 3
while Money(n):
    n -= 1
print(n, [x for x in (Money(0), Money(1)) if x])
