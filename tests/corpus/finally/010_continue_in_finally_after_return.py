# expect: ok
def f():
    seen = []
    for i in range(4):
        try:
            seen.append(i)
            return seen
        finally:
            continue
    return ('loop ended', seen)
print(f())
def g():
    for i in range(3):
        try:
            1 / 0
        finally:
            if i < 2:
                continue
            print('last', i)
            return 'swallowed'
print(g())
