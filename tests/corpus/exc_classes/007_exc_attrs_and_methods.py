# expect: ok
class E(Exception):
    def describe(self):
        return "E with " + repr(self.args)
e = E(1, "two")
print(e.describe(), e.args[1], len(e.args))
e.extra = 5
print(e.extra)
try:
    raise e
except E as caught:
    print(caught is e, caught.extra)
e2 = E()
print(repr(e2), str(e2) == "", e2.args)
