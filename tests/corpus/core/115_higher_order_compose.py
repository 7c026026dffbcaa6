# expect: ok
def inc(x):
    return x + 1

def dbl(x):
    return x * 2

def compose_apply(f, g, x):
    return f(g(x))

def pick(flag):
    if flag:
        return inc
    return dbl

print(compose_apply(inc, dbl, 5), compose_apply(dbl, inc, 5))
print(pick(True)(10), pick(False)(10), compose_apply(pick(1), pick(0), 1))
