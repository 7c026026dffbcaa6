"""Iterator building blocks (CPython 3.11's itertools): generators written
in pyexpr's Python; count and repeat are classes (they have reprs)."""

__all__ = ['accumulate', 'chain', 'combinations',
           'combinations_with_replacement', 'compress', 'count', 'cycle',
           'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile',
           'tee', 'zip_longest']

_MAXSIZE = 9223372036854775807


def _is_number(x):
    return isinstance(x, (int, float)) or hasattr(type(x), '__add__')


class count:
    def __init__(self, start=0, step=1):
        if not _is_number(start) or not _is_number(step) or isinstance(start, str) \
                or isinstance(step, str):
            raise TypeError('a number is required')
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        step = self._step
        if type(step) is int and step == 1:
            return 'count(' + repr(self._n) + ')'
        return 'count(' + repr(self._n) + ', ' + repr(step) + ')'


class repeat:
    def __init__(self, object, times=None):
        self._obj = object
        if times is not None:
            if not isinstance(times, int):
                raise TypeError("'" + type(times).__name__
                                + "' object cannot be interpreted as an integer")
            if times < 0:
                times = 0
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        times = self._times
        if times is None:
            return self._obj
        if times <= 0:
            raise StopIteration
        self._times = times - 1
        return self._obj

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return self._times

    def __repr__(self):
        if self._times is None:
            return 'repeat(' + repr(self._obj) + ')'
        return 'repeat(' + repr(self._obj) + ', ' + str(self._times) + ')'


def _cycle(it):
    saved = []
    for x in it:
        yield x
        saved.append(x)
    if not saved:
        return
    while True:
        for x in saved:
            yield x


def cycle(iterable, /):
    return _cycle(iter(iterable))


def _accumulate(it, func, initial):
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    else:
        total = initial
    yield total
    if func is None:
        for x in it:
            total = total + x
            yield total
    else:
        for x in it:
            total = func(total, x)
            yield total


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func, initial)


def chain(*iterables):
    for it in iterables:
        yield from it


def _from_iterable(iterables):
    for it in iterables:
        yield from it


def _chain_from_iterable(iterable, /):
    return _from_iterable(iter(iterable))


chain.from_iterable = _chain_from_iterable


def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def compress(data, selectors):
    return _compress(iter(data), iter(selectors))


def _dropwhile(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    yield from it


def dropwhile(predicate, iterable, /):
    return _dropwhile(predicate, iter(iterable))


def _takewhile(predicate, it):
    for x in it:
        if not predicate(x):
            return
        yield x


def takewhile(predicate, iterable, /):
    return _takewhile(predicate, iter(iterable))


def _filterfalse(predicate, it):
    if predicate is None:
        for x in it:
            if not x:
                yield x
    else:
        for x in it:
            if not predicate(x):
                yield x


def filterfalse(function, iterable, /):
    return _filterfalse(function, iter(iterable))


def _starmap(function, it):
    for args in it:
        if type(args) is not tuple:
            args = tuple(args)
        yield function(*args)


def starmap(function, iterable, /):
    return _starmap(function, iter(iterable))


def _pairwise(it):
    for a in it:
        break
    else:
        return
    for b in it:
        yield (a, b)
        a = b


def pairwise(iterable, /):
    return _pairwise(iter(iterable))


# ---------------------------------------------------------------- groupby

_unset = object()


class _GroupState:
    __slots__ = ('it', 'keyfunc', 'value', 'key', 'gen')

    def step(self):
        for value in self.it:
            self.key = value if self.keyfunc is None else self.keyfunc(value)
            self.value = value
            return True
        return False


def _groupby(st):
    target = _unset
    while True:
        if st.value is _unset:
            if not st.step():
                return
        while target is not _unset and target == st.key:
            if not st.step():
                return
        target = st.key
        st.gen += 1
        yield (target, _grouper(st, target, st.gen))


def _grouper(st, target, gen):
    while st.gen == gen:
        if st.value is _unset:
            if not st.step():
                return
        if not (target == st.key):
            return
        value = st.value
        st.value = _unset
        st.key = _unset
        yield value


def groupby(iterable, key=None):
    st = _GroupState()
    st.it = iter(iterable)
    st.keyfunc = key
    st.value = _unset
    st.key = _unset
    st.gen = 0
    return _groupby(st)


# ----------------------------------------------------------------- islice

def _ssize(v):
    """v as a C Py_ssize_t, -1 when it is not an integer or too large (the
    value CPython's islice() goes on with after clearing the error)."""
    if not isinstance(v, int):
        if not hasattr(type(v), '__index__'):
            return -1
        v = type(v).__index__(v)
    if v > _MAXSIZE or v < -_MAXSIZE - 1:
        return -1
    return v


def _islice(it, start, stop, step):
    i = 0
    nxt = start
    while True:
        while i < nxt:
            for _ in it:
                break
            else:
                return
            i += 1
        if stop is not None and i >= stop:
            return
        for item in it:
            break
        else:
            return
        i += 1
        nxt += step
        if stop is not None and nxt > stop:
            nxt = stop
        yield item


def _nargs(fname, args, least, most):
    """The count check of a C function taking positional arguments only
    (also used by functools.reduce)."""
    n = len(args)
    if n < least:
        raise TypeError(fname + ' expected at least ' + str(least)
                        + ' arguments, got ' + str(n))
    if n > most:
        raise TypeError(fname + ' expected at most ' + str(most)
                        + ' arguments, got ' + str(n))
    return n


def islice(*args):
    n = _nargs('islice', args, 2, 4)
    start = 0
    step = 1
    stop = args[1] if n == 2 else args[2]
    if stop is not None:
        stop = _ssize(stop)
        if stop == -1:
            raise ValueError('Stop argument for islice() must be None or an '
                             'integer: 0 <= x <= sys.maxsize.')
    if n > 2 and args[1] is not None:
        start = _ssize(args[1])
    if start < 0 or (stop is not None and stop < -1):
        raise ValueError('Indices for islice() must be None or an integer: '
                         '0 <= x <= sys.maxsize.')
    if n == 4 and args[3] is not None:
        step = _ssize(args[3])
    if step < 1:
        raise ValueError('Step for islice() must be a positive integer or None.')
    return _islice(iter(args[0]), start, stop, step)


# -------------------------------------------------------------------- tee

class _TeeSource:
    __slots__ = ('it', 'queues')


def _tee_child(src, queue):
    head = 0
    while True:
        if head < len(queue):
            x = queue[head]
            queue[head] = None
            head += 1
            if head == len(queue):
                queue.clear()
                head = 0
            yield x
            continue
        for x in src.it:
            break
        else:
            return
        for q in src.queues:
            if q is not queue:
                q.append(x)
        yield x


def tee(iterable, n=2, /):
    if not isinstance(n, int):
        raise TypeError("'" + type(n).__name__
                        + "' object cannot be interpreted as an integer")
    if n < 0:
        raise ValueError('n must be >= 0')
    src = _TeeSource()
    src.it = iter(iterable)
    src.queues = [[] for _ in range(n)]
    return tuple([_tee_child(src, q) for q in src.queues])


# ------------------------------------------------------------ zip_longest

def _zip_longest(its, fillvalue):
    active = len(its)
    if not active:
        return
    while True:
        values = []
        for i in range(len(its)):
            it = its[i]
            if it is None:
                values.append(fillvalue)
                continue
            for v in it:
                values.append(v)
                break
            else:
                active -= 1
                if not active:
                    return
                its[i] = None
                values.append(fillvalue)
        yield tuple(values)


def zip_longest(*iterables, fillvalue=None):
    return _zip_longest([iter(x) for x in iterables], fillvalue)


# ------------------------------------------------------------ combinatorics

def _r_arg(r):
    if not isinstance(r, int):
        raise TypeError("'" + type(r).__name__
                        + "' object cannot be interpreted as an integer")
    if r < 0:
        raise ValueError('r must be non-negative')
    return r


def _product(pools):
    if not pools:
        yield ()
        return
    for pool in pools:
        if not pool:
            return
    n = len(pools)
    indices = [0] * n
    yield tuple([pool[0] for pool in pools])
    while True:
        i = n - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple([pools[j][indices[j]] for j in range(n)])


def product(*iterables, repeat=1):
    if not isinstance(repeat, int):
        raise TypeError("'" + type(repeat).__name__
                        + "' object cannot be interpreted as an integer")
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product(pools)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple([pool[i] for i in indices[:r]])
    while n:
        i = r - 1
        while i >= 0:
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple([pool[k] for k in indices[:r]])
                break
            i -= 1
        if i < 0:
            return


def permutations(iterable, r=None):
    pool = tuple(iterable)
    if r is None:
        r = len(pool)
    elif not isinstance(r, int):
        raise TypeError('Expected int as r')
    else:
        r = _r_arg(r)
    return _permutations(pool, r)


def _combinations(pool, r, replace):
    n = len(pool)
    if replace:
        if not n and r:
            return
        indices = [0] * r
    else:
        if r > n:
            return
        indices = list(range(r))
    yield tuple([pool[i] for i in indices])
    top = n - 1 if replace else n - r
    while True:
        i = r - 1
        while i >= 0:
            if indices[i] != (top if replace else i + top):
                break
            i -= 1
        if i < 0:
            return
        if replace:
            v = indices[i] + 1
            for j in range(i, r):
                indices[j] = v
        else:
            indices[i] += 1
            for j in range(i + 1, r):
                indices[j] = indices[j - 1] + 1
        yield tuple([pool[k] for k in indices])


def _clinic_required(fname, iterable, r):
    """Argument Clinic's message for a missing required argument."""
    if iterable is _unset:
        raise TypeError(fname + "() missing required argument 'iterable' (pos 1)")
    if r is _unset:
        raise TypeError(fname + "() missing required argument 'r' (pos 2)")
    return _r_arg(r)


def combinations(iterable=_unset, r=_unset):
    r = _clinic_required('combinations', iterable, r)
    return _combinations(tuple(iterable), r, False)


def combinations_with_replacement(iterable=_unset, r=_unset):
    r = _clinic_required('combinations_with_replacement', iterable, r)
    return _combinations(tuple(iterable), r, True)
