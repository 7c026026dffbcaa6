# expect: TypeError: Expected first argument to be an integer, a callable, or None
from functools import lru_cache, cache, wraps, update_wrapper
import functools

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info(), fib.__name__, fib.__wrapped__.__name__, fib.cache_parameters())

@lru_cache
def sq(x):
    "square it"
    return x * x
print(sq(3), sq(3), sq(4), sq.cache_info(), sq.__doc__)

@lru_cache(maxsize=2)
def ident(x):
    print('computing', x)
    return x
for v in [1, 2, 1, 3, 2, 1]:
    ident(v)
print(ident.cache_info())

@cache
def kw(a, b=1, *, c=2):
    return a + b + c
print(kw(1), kw(1), kw(1, b=1), kw(a=1), kw(1, c=5), kw.cache_info())

@lru_cache(maxsize=10, typed=True)
def typed(x):
    return type(x).__name__
print(typed(1), typed(1.0), typed(True), typed.cache_info())

@lru_cache(maxsize=0)
def nocache(x):
    return x
print(nocache(1), nocache(1), nocache.cache_info())

def my_decorator(f):
    @wraps(f)
    def wrapper(*args, **kwds):
        """wrapper doc"""
        print('Calling decorated function')
        return f(*args, **kwds)
    return wrapper

@my_decorator
def example():
    """Docstring"""
    print('Called example function')
example()
print(example.__name__, example.__doc__, example.__wrapped__.__name__, example.__qualname__, example.__module__)
def w2():
    pass
def orig():
    "orig doc"
orig.attr = 5
update_wrapper(w2, orig)
print(w2.__name__, w2.__doc__, w2.attr, functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
try:
    sq([1])
except TypeError as e:
    print(e)
print(lru_cache('x'))
