# expect: ok
print([(z := i * 2) for i in range(3)], z)
def running():
    total = 0
    vals = [total := total + v for v in range(5)]
    return vals, total
print(running())
def last():
    [(w := j) for j in range(4)]
    return w
print(last())
def nested():
    [[(deep := i * 10 + j) for j in range(2)] for i in range(3)]
    return deep
print(nested())
def inner_closure():
    def inner():
        return [(m := i) for i in range(2)], m
    return inner()
print(inner_closure())
def to_global():
    global G
    [(G := i) for i in range(3)]
to_global()
print(G)
print({k: (v := k * k) for k in range(3)}, v)
print({(s := i) for i in range(4)}, s)
def filt():
    return [y for x in range(6) if (y := x * x) % 2], y
print(filt())
def cell():
    [(c := i) for i in range(3)]
    return lambda: c
print(cell()())
