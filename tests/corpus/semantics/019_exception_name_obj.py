# expect: ok
# name/obj/path/msg of NameError, AttributeError, ImportError: keyword constructors and the errors pyexpr raises
def t(f):
    try:
        r = f()
        print(repr(r), r.args, [getattr(r, a, '-') for a in ('name', 'obj', 'path', 'msg')])
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: NameError('m', name='x'))
t(lambda: NameError('m'))
t(lambda: NameError(foo=1))
t(lambda: NameError(name=1, foo=2))
t(lambda: AttributeError('m', name='x', obj=[1]))
t(lambda: AttributeError(obj=3))
t(lambda: AttributeError(foo=3))
t(lambda: AttributeError(foo=3, name=1, obj=2))
t(lambda: ImportError('m', name='x', path='p'))
t(lambda: ImportError('m', 'b'))
t(lambda: ImportError(foo=1))
t(lambda: ModuleNotFoundError('m', name='q'))
t(lambda: UnboundLocalError('m', name='q'))
t(lambda: ValueError('m', name='q'))
t(lambda: KeyError(name='q'))
try:
    undefined_x
except NameError as e:
    print(e.name)
try:
    [].apend
except AttributeError as e:
    print(e.name, e.obj)
try:
    import nope
except ImportError as e:
    print(e.name, e.path, e.msg)
try:
    from math import nope
except ImportError as e:
    print(e.name)
def f():
    y
    y = 1
try:
    f()
except NameError as e:
    print(type(e).__name__, e.name)
try:
    getattr(range(3), "nope")
except AttributeError as e:
    print(e.name, e.obj, e)
print(hasattr(1, "x"), getattr(1, "x", "dflt"))
