# expect: ok
# isinstance/issubclass with types, nested tuples and bad arguments; hash/len arity
print(isinstance(1, (str, (int,))), isinstance(1, ()), issubclass(bool, (str, int)), issubclass(int, ()), hash(5), len([1]))
for f in (lambda: isinstance(1, 2), lambda: issubclass(1, int), lambda: issubclass(int, 2), lambda: issubclass(1, ()), lambda: isinstance(1), lambda: len(), lambda: hash([]), lambda: len(1, 2), lambda: issubclass(int, (int, 3))):
    try: print(f())
    except TypeError as e: print(e)
