# expect: ok
# list/tuple construction, repetition and iterators (also of subclasses); not-callable instances
class L(list): pass
class T(tuple): pass
print(list(), tuple(), list((1, 2)), tuple([3]), list(L([4])), tuple(T((5,))), type(iter([])).__name__, type(iter(())).__name__, type(iter(L())).__name__, type(iter(T())).__name__)
print([1, 2] * 3, (1, 2) * 2, [0] * 0, () * 5, 3 * [7], (8,) * 1, L([1]) * 2, T((1,)) * 2)
x = [1, [2]]; y = x * 2; y[1].append(3); print(x, y)
for f in (lambda: list(1, 2), lambda: tuple(x=1), lambda: list(5), lambda: [1] * 'a', lambda: T()(), lambda: L()(1)):
    try: print(f())
    except TypeError as e: print(e)
for s in ([1, 2, 3], (4, 5)):
    it = iter(s); print(next(it), list(it), list(it))
