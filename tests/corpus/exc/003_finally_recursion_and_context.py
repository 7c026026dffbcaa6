# expect: IndexError: b
def h(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        return h(n - 1)
    finally:
        print("unwind", n)
try:
    h(3)
except ValueError as e:
    print("got", e)
def k():
    try:
        raise KeyError("a")
    except KeyError:
        try:
            raise IndexError("b")
        finally:
            print("k fin")
r = k()
