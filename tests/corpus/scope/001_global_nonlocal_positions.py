# expect: ok
def f():
    x = 1
    def g():
        nonlocal x
        x = 2
    g()
    return x
print(f())
def set_q():
    global q
    q = 5
set_q(); print(q)
def deep():
    x = 1
    def g():
        def h():
            nonlocal x
            x += 1
        h()
        h()
    g()
    return x
print(deep())
def branch():
    if True:
        global bq
    bq = 3
branch(); print(bq)
def loop():
    for i in range(2):
        global lq
        lq = i
loop(); print(lq)
def twice():
    global tq, tq
    tq = 7
twice(); print(tq)
def deff():
    global fn
    def fn(): return 4
deff(); print(fn())
def forglob():
    global fg
    for fg in range(3): pass
forglob(); print(fg)
def imp():
    import math
    global math
imp(); print(math.floor(2.5))
def delglob():
    global dg
    dg = 1
    del dg
delglob()
try:
    print(dg)
except NameError as e:
    print(e)
def unbound():
    x = 0
    def g():
        nonlocal x
        del x
    g()
    return x
try:
    unbound()
except NameError as e:
    print(type(e).__name__, e)
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter(); c(); c(); print(c())
def exc_name():
    global err
    try:
        1 / 0
    except ZeroDivisionError as err:
        pass
exc_name()
try:
    print(err)
except NameError as e:
    print(e)
