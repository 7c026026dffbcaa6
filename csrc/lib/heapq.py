"""Heap queue algorithm (CPython 3.11's heapq: a min-heap in a list, with
the same sift order, so heaps print as CPython's)."""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check_list(fname, heap, which=' 1'):
    if not isinstance(heap, list):
        raise TypeError(fname + '() argument' + which + ' must be list, not '
                        + _type_name(heap))


def _type_name(x):
    return 'None' if x is None else type(x).__name__


def _sift_toward_root(heap, top, pos):
    """The item at pos moves up while it is smaller than its parent (not
    above index top)."""
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        above = heap[parent]
        if item < above:
            heap[pos] = above
            pos = parent
            continue
        break
    heap[pos] = item


def _sift_to_leaf(heap, pos):
    """The item at pos: the smaller child moves up until a leaf is free,
    where the item goes, then it moves back up into place."""
    end = len(heap)
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_toward_root(heap, top, pos)


def heappush(heap, item, /):
    _check_list('heappush', heap)
    heap.append(item)
    _sift_toward_root(heap, 0, len(heap) - 1)


def heappop(heap, /):
    _check_list('heappop', heap, '')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        top = heap[0]
        heap[0] = last
        _sift_to_leaf(heap, 0)
        return top
    return last


def heapreplace(heap, item, /):
    _check_list('heapreplace', heap)
    if not heap:
        raise IndexError('index out of range')
    top = heap[0]
    heap[0] = item
    _sift_to_leaf(heap, 0)
    return top


def heappushpop(heap, item, /):
    _check_list('heappushpop', heap)
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_to_leaf(heap, 0)
    return item


def heapify(heap, /):
    _check_list('heapify', heap, '')
    for i in reversed(range(len(heap) // 2)):
        _sift_to_leaf(heap, i)


def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted stream (stable: equal items come
    in the order of their iterables)."""
    entries = []
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            k = value if key is None else key(value)
            entries.append([k, order, value, it])
            break
    return _merge(entries, key, reverse)


def _merge_less(a, b, reverse):
    if reverse:
        if b[0] < a[0]:
            return True
        if a[0] < b[0]:
            return False
    else:
        if a[0] < b[0]:
            return True
        if b[0] < a[0]:
            return False
    return a[1] < b[1]


def _merge(entries, key, reverse):
    while entries:
        best = 0
        for i in range(1, len(entries)):
            if _merge_less(entries[i], entries[best], reverse):
                best = i
        entry = entries[best]
        yield entry[2]
        for value in entry[3]:
            entry[0] = value if key is None else key(value)
            entry[2] = value
            break
        else:
            del entries[best]
