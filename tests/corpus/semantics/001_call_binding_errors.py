# expect: ok
# Argument binding: every TypeError message CPython 3.11 gives, caught and printed.


def show(thunk):
    try:
        print(thunk())
    except TypeError as e:
        print("TypeError:", e)


def po(a, /, b=0):
    return (a, b)


def po2(a, b, /, c):
    return (a, b, c)


def po_kw(a, /, b=0, **k):
    return (a, b, k)


def po_var(a, /, b=0, *rest):
    return (a, b, rest)


def kwo(a, *, k, m=1):
    return (a, k, m)


def plain(a, b=2):
    return (a, b)


show(lambda: po(1))
show(lambda: po(1, 2))
show(lambda: po(1, b=3))
show(lambda: po(a=1))
show(lambda: po(a=1, b=2))
show(lambda: po())
show(lambda: po(1, 2, 3))
show(lambda: po(1, c=2))
show(lambda: po(1, 2, b=3))
show(lambda: po2(1, 2, 3))
show(lambda: po2(1, c=3, b=2))
show(lambda: po2(c=3, b=2, a=1))
show(lambda: po2(b=2, a=1, x=4))
show(lambda: po2(1, c=3, b=2, x=1))
show(lambda: po_kw(1, a=2))
show(lambda: po_kw(1, 2, a=3, b=4))
show(lambda: po_kw(1, b=2, a=3))
show(lambda: po_kw(a=1))
show(lambda: po_var(1, 2, 3, 4))
show(lambda: po_var(1, b=5))
show(lambda: po_var(b=5))
show(lambda: kwo(1, k=2))
show(lambda: kwo(1))
show(lambda: kwo(1, 2))
show(lambda: kwo(1, 2, k=3))
show(lambda: kwo(1, 2, k=3, m=4))
show(lambda: kwo(k=1))
show(lambda: kwo(1, k=2, z=3))
show(lambda: plain(1, 2, b=3))
show(lambda: plain(1, 2, 3))
show(lambda: plain(1, 2, 3, z=4))
show(lambda: plain(b=1))
show(lambda: plain(1, a=1))
show(lambda: plain(**{"a": 1, "b": 5}))
show(lambda: po(**{"a": 1}))
show(lambda: po_kw(1, **{"a": 7}))
show(lambda: (lambda x, /, y: (x, y))(1, y=2))
show(lambda: (lambda x, /, y: (x, y))(x=1, y=2))


def outer():
    def inner(p, /, q):
        return p, q

    return inner


show(lambda: outer()(p=1, q=2))
show(lambda: outer()(1, 2, 3))
print("done")
