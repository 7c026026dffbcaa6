# expect: ok
# x *= seq for a class instance x: the sequence's repetition is not tried (x * seq tries it)
class C:
    pass
class D:
    def __rmul__(self, o):
        return "rmul"
for a, b in [(C(), "ab"), (C(), [1]), (C(), 3)]:
    try:
        a *= b
        print(a)
    except TypeError as e:
        print(e)
    try:
        print(C() * b)
    except TypeError as e:
        print(e)
x = C()
y = D()
x *= y
print(x)
n = 3
n *= "ab"
print(n)
class L(list):
    pass
l = L([1])
l *= 2
print(l)
