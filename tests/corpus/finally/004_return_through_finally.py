# expect: ok
def f(n):
    try:
        return n * 2
    finally:
        print('finally sees', n)
print(f(21))
def g(items):
    for x in items:
        try:
            if x > 2:
                return x
        finally:
            print('checked', x)
    return None
print(g([1, 2, 3, 4]))
print(g([]))
