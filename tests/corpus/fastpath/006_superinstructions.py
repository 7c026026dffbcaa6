# expect: UnboundLocalError: cannot access local variable 'x' where it is not associated with a value
# The VM's superinstructions (LOAD_FAST_LOAD_FAST, LOAD_FAST_LOAD_INT,
# STORE_FAST_LOAD_FAST, FOR_ITER_STORE_FAST, LOAD_INT_ADD, LOAD_INT_MOD,
# LOAD_INT_BINARY_SUBSCR): every operand type outside their fast cases
# must behave as the two plain instructions, errors and tracebacks
# included.


class I(int):
    def __add__(self, o):
        return "I.add(%r)" % o

    def __mod__(self, o):
        return "I.mod(%r)" % o


class F(float):
    def __add__(self, o):
        return "F.add(%r)" % o


class L(list):
    def __getitem__(self, i):
        return ("L", i)


def adds(x):
    a = x + 1
    b = x + -7
    c = x
    c += 1
    return a, b, c


def mods(x):
    return x % 8, x % 3, x % 1


def subs(x):
    return x[0], x[-1], x[1]


for v in [0, 1, -1, 5, -13, 2 ** 62, 2 ** 63 - 1, -2 ** 63, 2 ** 63, 10 ** 30, -10 ** 30,
          True, False, 2.5, -0.0, float("inf"), float("nan"), I(4), F(1.5)]:
    print(repr(v), adds(v), mods(v))
for v in [[1, 2, 3], (4, 5, 6), "xyz", {0: "a", -1: "b", 1: "c"}, L([7, 8]), range(3, 9),
          b"abc", [[1], [2]]]:
    print(subs(v))
for bad in [[], [1], "s", None, {}]:
    try:
        print(subs(bad))
    except Exception as e:
        print(type(e).__name__, e)
for bad in ["s", None, [1], (2,)]:
    try:
        print(adds(bad))
    except Exception as e:
        print(type(e).__name__, e)
    try:
        print(mods(bad))
    except Exception as e:
        print(type(e).__name__, e)


def zero_div(x):
    return x % 0


try:
    zero_div(5)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print([x % -3 for x in range(-5, 6)], [x % 7 for x in range(-9, 9)])


# loop variables: range (up, down, empty), list, generator, a previous
# object value, break/else, the variable after the loop
def loops():
    out = []
    i = "before"
    for i in range(3):
        out.append(i)
    out.append(i)
    for i in range(10, 0, -3):
        out.append(i)
    for j in range(0):
        out.append("never")
    else:
        out.append("else")
    for s in ["a", "b"]:
        out.append(s)
    for g in (k * k for k in range(4)):
        out.append(g)
    for i in range(2 ** 62, 2 ** 62 + 3):
        out.append(i)
    for i in range(5):
        if i == 2:
            break
    else:
        out.append("no")
    out.append(i)
    big = [10 ** 20]
    for big in range(2):
        pass
    out.append(big)
    return out


print(loops())


def pair_loads(n):
    a = n
    b = n + 1
    c = a + b
    d = c
    return a, b, c, d, a * b, c - a


print(pair_loads(3), pair_loads(2 ** 63))


def acc(t, xs):
    for x in xs:
        t = t + x
    return t


print(acc(0, [1, 2.5, 3]), acc(0, [2 ** 62, 2 ** 62, 2 ** 62]), acc(0.5, [1, 2, -0.5]),
      acc(1, [0.25, True]), acc("", ["a", "b"]), acc([], [[1], [2]]), acc((), [(1,), ()]),
      acc(-2 ** 63, [-1, 2 ** 64]), acc(float("inf"), [-1.0, 1]), acc(I(1), [2]), acc(F(2.0), [1]))
try:
    acc(1, ["x"])
except TypeError as e:
    print("TypeError", e)


def index_vars(a, b):
    return a[0], a[-1], b[2], a[1] + b[-2]


print(index_vars([1, 2, 3], [4, 5, 6]), index_vars(("x", "y"), "abc"), index_vars([[0], [1]], ([2], [3], [4])))
for args in [([], [1, 2, 3]), ([1], [1, 2]), ([1, 2], [1, 2, 3]), ([1, 2], {})]:
    try:
        print(index_vars(*args))
    except (IndexError, KeyError) as e:
        print(type(e).__name__, e)


def unbound_second():
    a = 1
    if a == 2:
        b = 0
    return a + b


def unbound_after_store():
    a = 1
    c = a
    del a
    c = 2
    return c + a


for fn in (unbound_second, unbound_after_store):
    try:
        fn()
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def unbound_in_loop():
    for i in range(3):
        x = i
        if i == 1:
            del x
            return x + 1


result = unbound_in_loop()
