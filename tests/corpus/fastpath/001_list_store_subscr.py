# expect: IndexError: list assignment index out of range
# list[i] = v: the VM's inline path and its edges (negative indexes, out of
# range, bool and big int indexes, subclasses, self-reference, slices).
xs = [0] * 10
for i in range(10):
    xs[i] = i * i
print(xs)
for i in range(-1, -11, -1):
    xs[i] = -i
print(xs)
xs[True] = "one"
xs[False] = "zero"
print(xs[:3])


class L(list):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v * 2)


ys = L([1, 2, 3])
ys[0] = 5
ys[-1] = 7
print(ys)

zs = [1, 2, 3]
zs[0] = zs
print(len(zs[0]), zs[0] is zs)
zs[0] = None
print(zs)
zs[1:2] = [9, 9, 9]
print(zs)
zs[-1] = "last"
print(zs)


def check(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)


def a():
    zs[5] = 1


def b():
    zs[-6] = 1


def c():
    zs[2 ** 70] = 1


def d():
    zs[-(2 ** 70)] = 1


def e():
    zs["x"] = 1


def f():
    zs[1.0] = 1


for fn in (a, b, c, d, e, f):
    check(fn)
t = (1, 2)
check(lambda: t.__setitem__(0, 1))
big = [0] * 3
big[2 ** 62 - 2 ** 62] = 2 ** 100
big[-3 + 1] = 1.5
print(big)
zs[7] = 1
