# expect: ok
from math import pi

# every keyword still lexes as a keyword, and names that are prefixes,
# extensions or case variants of keywords are plain names
Falsey = Non = Tru = an = asserts = asyn = awaits = brea = classy = 1
continu = de = dell = eli = elsewhere = excepts = finall = fo = fromage = 2
globals_ = i = iff = imports = inn = iss = lambd = nonlocals = no = orr = 3
passs = rais = returns = tr = whil = withs = yiel = yields = zz = A = _ = 4
total = Falsey + Non + Tru + an + asserts + asyn + awaits + brea + classy
total += continu + de + dell + eli + elsewhere + excepts + finall + fo + fromage
total += globals_ + i + iff + imports + inn + iss + lambd + nonlocals + no + orr
total += passs + rais + returns + tr + whil + withs + yiel + yields + zz + A + _
print(total)


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def f(x):
    global total
    for k in range(3):
        if k == 0 and x is not None or False:
            continue
        elif k in (1,) and not x:
            break
        else:
            pass
    while True:
        try:
            assert x
            del k
        except AssertionError as e:
            raise ValueError("no") from e
        finally:
            total += 1
        break
    with CM() as c:
        pass
    return (lambda y: y)(x)


class K:
    def g(self):
        n = 0

        def inner():
            nonlocal n
            n += 1
            yield n
        return list(inner())


print(f(5), total, [y for y in (1, 2) if y], K().g(), pi is not None)
