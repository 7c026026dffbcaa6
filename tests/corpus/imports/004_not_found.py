# expect: ok
try:
    import no_such_module_abc
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    import keyword.sub
except ImportError as e:
    print(type(e).__name__, e)
try:
    import math.x
except ImportError as e:
    print(type(e).__name__, e)
try:
    from keyword import nothing
except ImportError as e:
    print(type(e).__name__, e.name)
try:
    import nonexistent_module_xyz
except ModuleNotFoundError as e:
    print(e.name, isinstance(e, ImportError))
