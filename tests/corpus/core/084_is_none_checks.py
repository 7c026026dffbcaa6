# expect: ok
def maybe(n):
    if n > 0:
        return n
    return None

x = None
print(x is None, x is not None, maybe(3) is None, maybe(-3) is None)
print(True is True, False is not True, (1 == 1) is True, (1 == 2) is False)
print(None is None, not (None is not None), maybe(1) is not None)
