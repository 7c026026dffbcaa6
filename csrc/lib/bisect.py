"""Bisection algorithms (CPython 3.11's bisect, with key=)."""

__all__ = ['bisect', 'bisect_left', 'bisect_right', 'insort', 'insort_left',
           'insort_right']


def _index(v):
    if isinstance(v, int):
        return int(v)
    method = getattr(type(v), '__index__', None)
    if method is None:
        raise TypeError("'" + type(v).__name__
                        + "' object cannot be interpreted as an integer")
    return method(v)


def _bounds(a, lo, hi):
    if type(lo) is not int:
        lo = _index(lo)
    if hi is not None and type(hi) is not int:
        if not isinstance(hi, int) and not hasattr(type(hi), '__index__'):
            raise TypeError("argument should be integer or None, not '"
                            + type(hi).__name__ + "'")
        hi = _index(hi)
    if lo < 0:
        raise ValueError('lo must be non-negative')
    if hi is None:
        hi = len(a)
    return lo, hi


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    lo, hi = _bounds(a, lo, hi)
    if key is None:
        while lo < hi:
            mid = (lo + hi) // 2
            if x < a[mid]:
                hi = mid
            else:
                lo = mid + 1
    else:
        while lo < hi:
            mid = (lo + hi) // 2
            if x < key(a[mid]):
                hi = mid
            else:
                lo = mid + 1
    return lo


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    lo, hi = _bounds(a, lo, hi)
    if key is None:
        while lo < hi:
            mid = (lo + hi) // 2
            if a[mid] < x:
                lo = mid + 1
            else:
                hi = mid
    else:
        while lo < hi:
            mid = (lo + hi) // 2
            if key(a[mid]) < x:
                lo = mid + 1
            else:
                hi = mid
    return lo


def _insort(a, x, lo, hi, key, find):
    if key is None:
        lo = find(a, x, lo, hi)
    else:
        lo = find(a, key(x), lo, hi, key=key)
    a.insert(lo, x)


def insort_right(a, x, lo=0, hi=None, *, key=None):
    _insort(a, x, lo, hi, key, bisect_right)


def insort_left(a, x, lo=0, hi=None, *, key=None):
    _insort(a, x, lo, hi, key, bisect_left)


bisect = bisect_right
insort = insort_right
