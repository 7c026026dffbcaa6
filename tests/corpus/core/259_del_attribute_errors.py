# expect: ok
# `del obj.attr` compiles and fails at run time with CPython's message for
# each kind of attribute.
def f():
    pass


def try_del(label, which):
    try:
        if which == 0:
            del (1).real
        elif which == 1:
            del (1).foo
        elif which == 2:
            del "abc".upper
        elif which == 3:
            del [].append
        elif which == 4:
            del {}.x
        elif which == 5:
            del f.x
        elif which == 6:
            del range(3).start
        elif which == 7:
            del int.real
        elif which == 8:
            del ValueError().args
        elif which == 9:
            del True.real
        elif which == 10:
            del (1,).count
        elif which == 11:
            del None.x
    except (AttributeError, TypeError) as e:
        print(label, type(e).__name__, e)


for i in range(12):
    try_del("case %d:" % i, i)
