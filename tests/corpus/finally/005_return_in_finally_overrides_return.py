# expect: ok
def f():
    try:
        return 'try'
    finally:
        return 'finally'
print(f())
def g(x):
    try:
        return x + 1
    finally:
        if x > 0:
            return -1
print(g(1), g(-5))
