# expect: ok
def f1():
    for i in range(3):
        try:
            1/0
        finally:
            print("fin", i)
try:
    f1()
except ZeroDivisionError as e:
    print("caught", e)

def f2():
    a = 'A'; b = 'B'
    try:
        try:
            raise ValueError('x')
        finally:
            pass
    except ValueError:
        pass
    return a, b
print(f2())

def f3():
    for i in range(3):
        try:
            return i
        finally:
            continue
    return 'end'
print(f3())

def f4():
    try:
        return 1
    finally:
        print("fin4")
        return 2
print(f4())

def f5():
    try:
        return 1
    finally:
        print("once")
        try:
            raise KeyError(3)
        except KeyError as e:
            print("inner", repr(e))
print(f5())

def f6():
    try:
        try:
            raise ValueError(1)
        finally:
            print("f6 fin")
    except ValueError as e:
        print("f6 caught", e)
    try:
        raise
    except RuntimeError as e:
        print("no active:", e)
f6()

def f7():
    x = []
    for i in range(4):
        try:
            if i == 1: continue
            if i == 3: break
            x.append(i)
        finally:
            x.append('f%d' % i)
    else:
        x.append('else')
    return x
print(f7())

def f8():
    try:
        return 'ret'
    finally:
        raise TypeError('from finally')
try:
    f8()
except TypeError as e:
    print("f8", e, e.__context__)

def f9():
    try:
        1/0
    except ZeroDivisionError:
        try:
            raise ValueError
        finally:
            print("f9 fin")
try:
    f9()
except ValueError as e:
    print("f9", type(e.__context__).__name__)

def f10():
    try:
        1/0
    except ZeroDivisionError as e:
        raise KeyError('k')
try:
    f10()
except KeyError as k:
    print('f10', repr(k), repr(k.__context__))

try:
    try:
        1/0
    except ZeroDivisionError as e:
        raise ValueError
except ValueError:
    pass
try:
    print(e)
except NameError as n:
    print("NameError", n)

def f11():
    for j in range(2):
        try:
            for i in range(3):
                try:
                    if i == 1:
                        break
                finally:
                    print('inner', j, i)
        finally:
            print('outer', j)
            if j == 0:
                continue
    return 'done'
print(f11())

def f12():
    while True:
        try:
            try:
                return 'a'
            finally:
                break
        finally:
            print("f12 outer")
    return 'b'
print(f12())

def f13():
    try:
        raise ValueError('v')
    finally:
        try:
            raise KeyError('k')
        except KeyError:
            pass
try:
    f13()
except ValueError as e:
    print("f13", e)

def f14():
    try:
        try:
            raise ValueError('v')
        except ValueError:
            return 'x'
        finally:
            print('f14 fin')
    finally:
        print('f14 outer')
print(f14())

def f15(n):
    r = []
    for i in range(n):
        try:
            try:
                if i % 2: raise KeyError(i)
                r.append(i)
            except KeyError as e:
                r.append(('k', e.args[0]))
                if i == 3: return r
            else:
                r.append('else')
            finally:
                r.append('fin')
        except Exception:
            r.append('never')
    return r
print(f15(5))

def f16():
    try:
        pass
    finally:
        try:
            1/0
        except:
            print("f16 bare except")
    try:
        raise
    except RuntimeError as e:
        print(e)
r = f16()
