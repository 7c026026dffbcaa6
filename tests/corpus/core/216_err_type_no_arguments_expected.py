# expect: TypeError: g() takes 0 positional arguments but 1 was given
def g():
    return 1

print(g())
print(g(5))
