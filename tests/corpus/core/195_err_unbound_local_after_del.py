# expect: UnboundLocalError: cannot access local variable 'v' where it is not associated with a value
def f():
    v = 1
    print(v)
    del v
    return v

print(f())
