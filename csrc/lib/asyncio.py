"""asyncio for pyexpr: a subset of CPython 3.11's asyncio on the engine's
coroutines (docs/language.md "async / await").

One event loop with CPython's scheduling order: a FIFO queue of ready
callbacks, run in batches (the callbacks ready when a batch starts), timers
in a heap ordered by due time then creation, futures whose done-callbacks
are scheduled in registration order and tasks that step their coroutine with
send()/throw(). Programs whose output depends only on that order (gather,
create_task, sleep(0), queues, events, locks, wait_for) print what CPython
prints.

Time: a script run by `pyexpr FILE` or pyexpr.eval/exec has no real waiting
to do, so the loop keeps a virtual clock: when every task waits for a timer
the clock jumps to it (asyncio.sleep(10) returns at once, in order). A
script run by pyexpr.eval_async/exec_async runs on the host's event loop:
its timers and the host coroutines it awaits are waited for on the host, in
real time (_host_wait below; pyexpr/_async.py is the other side).
"""

import heapq as _heapq
import time as _time
from collections import deque as _deque

import _pyexpr_async

__all__ = ['CancelledError', 'InvalidStateError', 'TimeoutError', 'QueueEmpty', 'QueueFull',
           'Future', 'Task', 'Event', 'Lock', 'Semaphore', 'Queue', 'run', 'sleep', 'gather',
           'wait_for', 'create_task', 'ensure_future', 'current_task', 'all_tasks',
           'get_running_loop', 'get_event_loop', 'iscoroutine', 'iscoroutinefunction',
           'shield', 'wait', 'as_completed', 'FIRST_COMPLETED', 'FIRST_EXCEPTION',
           'ALL_COMPLETED']


class CancelledError(BaseException):
    """The Future or Task was cancelled."""
    __module__ = 'asyncio.exceptions'


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""
    __module__ = 'asyncio.exceptions'


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""
    __module__ = 'asyncio.queues'


class QueueFull(Exception):
    """Raised when Queue.put_nowait() is called on a full Queue."""
    __module__ = 'asyncio.queues'


TimeoutError = TimeoutError

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


async def _probe():
    pass


_c = _probe()
_CoroutineType = type(_c)
_c.close()
del _c


def iscoroutine(obj):
    """Is obj a coroutine object?"""
    return type(obj) is _CoroutineType


def iscoroutinefunction(func):
    """Is func an `async def` function?"""
    return _pyexpr_async.iscoroutinefunction(func)


# ---------------------------------------------------------------------------
# The loop
# ---------------------------------------------------------------------------

_running = [None]   # the running loop
_task_counter = [0]


class _Handle:
    """A scheduled callback (a timer's when: its due time)."""

    def __init__(self, callback, args, when=None):
        self._callback, self._args, self._when = callback, args, when
        self._cancelled = False

    def cancel(self):
        self._cancelled = True

    def cancelled(self):
        return self._cancelled

    def when(self):
        return self._when

    def _run(self):
        self._callback(*self._args)


class _Loop:
    def __init__(self, host_wait=None):
        self._ready = _deque()
        self._timers = []       # heap of (when, seq, handle)
        self._seq = 0
        self._clock = 0.0       # the virtual clock (no host)
        self._stopping = False
        self._closed = False
        self._tasks = []
        self._current = None
        self._host_wait = host_wait
        self._host_pending = {}   # index -> future of a host awaitable
        self._host_new = []       # host awaitables not yet handed over
        self._host_cancelled = []  # indexes the script gave up on
        self._host_seq = 0

    def time(self):
        if self._host_wait is not None:
            return _time.monotonic()
        return self._clock

    def call_soon(self, callback, *args):
        h = _Handle(callback, args)
        self._ready.append(h)
        return h

    def call_at(self, when, callback, *args):
        h = _Handle(callback, args, when)
        self._seq += 1
        _heapq.heappush(self._timers, (when, self._seq, h))
        return h

    def call_later(self, delay, callback, *args):
        return self.call_at(self.time() + delay, callback, *args)

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None):
        return Task(coro, loop=self, name=name)

    def is_running(self):
        return _running[0] is self

    def is_closed(self):
        return self._closed

    def stop(self):
        self._stopping = True

    def close(self):
        self._closed = True

    def run_until_complete(self, future):
        future = ensure_future(future, loop=self)
        future.add_done_callback(_stop_loop)
        try:
            self.run_forever()
        finally:
            future.remove_done_callback(_stop_loop)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def run_forever(self):
        if _running[0] is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')
        _running[0] = self
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            _running[0] = None

    def _next_timeout(self):
        while self._timers and self._timers[0][2]._cancelled:
            _heapq.heappop(self._timers)
        if self._ready or self._stopping:
            return 0
        if self._timers:
            return max(0, self._timers[0][0] - self.time())
        return None

    def _run_once(self):
        timeout = self._next_timeout()
        if self._host_wait is not None and (self._host_new or self._host_cancelled or
                                            (timeout != 0 and (self._host_pending or
                                                               timeout is not None))):
            self._wait_on_host(timeout)
        elif timeout is None:
            raise RuntimeError('asyncio: every task is waiting and nothing can wake them '
                               '(the event loop would wait forever)')
        elif timeout > 0:
            self._clock += timeout
        now = self.time()
        while self._timers and self._timers[0][0] <= now:
            h = _heapq.heappop(self._timers)[2]
            if not h._cancelled:
                self._ready.append(h)
        for _ in range(len(self._ready)):
            h = self._ready.popleft()
            if not h._cancelled:
                h._run()

    def _wait_on_host(self, timeout):
        """Hands the new host awaitables to the host and waits there (at
        most timeout seconds, None: until one completes) for results:
        [(index, ok, value)]. A failed one is raised here by the host (a
        second call), as the exception itself."""
        if not self._host_pending and timeout is None:
            timeout = 0
        new = self._host_new
        gone = self._host_cancelled
        self._host_new = []
        self._host_cancelled = []
        results = self._host_wait(new, timeout, gone)
        for idx, ok, value in results:
            fut = self._host_pending.pop(idx, None)
            if fut is None or fut.done():
                continue
            if ok:
                fut.set_result(value)
                continue
            try:
                self._host_wait(None, idx, None)
            except BaseException as exc:
                fut.set_exception(exc)


def _stop_loop(fut):
    fut._loop.stop()


def get_running_loop():
    """The running event loop (RuntimeError outside a coroutine)."""
    loop = _running[0]
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def get_event_loop():
    loop = _running[0]
    if loop is None:
        loop = _Loop()
    return loop


def _host_awaitable(obj):
    """The engine awaits a host object: with a host loop, a future the
    host completes; without one the object is not awaitable."""
    loop = _running[0]
    if loop is None or loop._host_wait is None:
        raise TypeError("object %s can't be used in 'await' expression" % type(obj).__name__)
    fut = Future(loop=loop)
    fut._host_index = loop._host_seq
    loop._host_pending[loop._host_seq] = fut
    loop._host_seq += 1
    loop._host_new.append(obj)
    return fut.__await__()


# ---------------------------------------------------------------------------
# Futures and tasks
# ---------------------------------------------------------------------------

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'


class Future:
    """A result that becomes available later (asyncio.Future)."""

    _asyncio_future_blocking = False
    _host_index = None

    def __init__(self, *, loop=None):
        self._loop = loop if loop is not None else get_event_loop()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None
        self._cancelled_exc = None

    def __repr__(self):
        name = type(self).__name__
        if self._state == _FINISHED:
            if self._exception is not None:
                return '<%s finished exception=%r>' % (name, self._exception)
            return '<%s finished result=%r>' % (name, self._result)
        return '<%s %s>' % (name, self._state.lower())

    def get_loop(self):
        return self._loop

    def _schedule_callbacks(self):
        callbacks = self._callbacks
        self._callbacks = []
        for fn in callbacks:
            self._loop.call_soon(fn, self)

    def _make_cancelled_error(self):
        exc = self._cancelled_exc
        if exc is not None:
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        loop = self._loop
        if self._host_index is not None and self._host_index in loop._host_pending:
            del loop._host_pending[self._host_index]
            loop._host_cancelled.append(self._host_index)
        self._schedule_callbacks()
        return True

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Result is not set.')
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Exception is not set.')
        return self._exception

    def add_done_callback(self, fn):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        kept = [f for f in self._callbacks if f != fn]
        n = len(self._callbacks) - len(kept)
        if n:
            self._callbacks = kept
        return n

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError('%s: %r' % (self._state, self))
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError('%s: %r' % (self._state, self))
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError('StopIteration interacts badly with generators '
                            'and cannot be raised into a Future')
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()


class Task(Future):
    """A coroutine scheduled on the loop (asyncio.Task)."""

    def __init__(self, coro, *, loop=None, name=None):
        Future.__init__(self, loop=loop)
        if not iscoroutine(coro):
            self._state = _CANCELLED   # never scheduled, never reported
            raise TypeError('a coroutine was expected, got %r' % (coro,))
        if name is None:
            _task_counter[0] += 1
            name = 'Task-%d' % _task_counter[0]
        self._name = str(name)
        self._coro = coro
        self._must_cancel = False
        self._fut_waiter = None
        self._num_cancels_requested = 0
        self._loop.call_soon(self._step, None)
        self._loop._tasks.append(self)

    def __repr__(self):
        state = self._state.lower()
        if self._state == _FINISHED:
            if self._exception is not None:
                return '<Task finished name=%r coro=%r exception=%r>' % (
                    self._name, self._coro, self._exception)
            return '<Task finished name=%r coro=%r result=%r>' % (
                self._name, self._coro, self._result)
        return '<Task %s name=%r coro=%r>' % (state, self._name, self._coro)

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_coro(self):
        return self._coro

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None and self._fut_waiter.cancel(msg=msg):
            return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def set_result(self, result):
        raise RuntimeError('Task does not support set_result operation')

    def set_exception(self, exception):
        raise RuntimeError('Task does not support set_exception operation')

    def _finish(self, state, result=None, exception=None):
        self._state = state
        self._result = result
        self._exception = exception
        if self in self._loop._tasks:
            self._loop._tasks.remove(self)
        self._schedule_callbacks()

    def _step(self, exc):
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None
        loop = self._loop
        outer = loop._current
        loop._current = self
        try:
            if exc is None:
                result = self._coro.send(None)
            else:
                result = self._coro.throw(exc)
        except StopIteration as stop:
            loop._current = outer
            if self._must_cancel:
                self._must_cancel = False
                self._finish(_CANCELLED)
            else:
                self._finish(_FINISHED, stop.value)
            return
        except CancelledError as err:
            loop._current = outer
            self._cancelled_exc = err
            self._finish(_CANCELLED)
            return
        except (KeyboardInterrupt, SystemExit) as err:
            loop._current = outer
            self._finish(_FINISHED, None, err)
            raise
        except BaseException as err:
            loop._current = outer
            self._finish(_FINISHED, None, err)
            return
        loop._current = outer
        blocking = getattr(result, '_asyncio_future_blocking', None)
        if blocking is not None:
            if result._loop is not loop:
                err = RuntimeError('Task %r got Future %r attached to a different loop'
                                   % (self, result))
                loop.call_soon(self._step, err)
            elif not blocking:
                err = RuntimeError('yield was used instead of yield from in task %r with %r'
                                   % (self, result))
                loop.call_soon(self._step, err)
            elif result is self:
                err = RuntimeError('Task cannot await on itself: %r' % (self,))
                loop.call_soon(self._step, err)
            else:
                result._asyncio_future_blocking = False
                result.add_done_callback(self._wakeup)
                self._fut_waiter = result
                if self._must_cancel and result.cancel(msg=self._cancel_message):
                    self._must_cancel = False
        elif result is None:
            loop.call_soon(self._step, None)
        else:
            loop.call_soon(self._step, RuntimeError('Task got bad yield: %r' % (result,)))

    def _wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self._step(exc)
            return
        self._step(None)


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return loop._current


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return set(t for t in loop._tasks if not t.done())


async def _await_it(aw):
    return await aw


def ensure_future(coro_or_future, *, loop=None):
    """A Future for a coroutine (wrapped in a Task), a Future or an
    awaitable."""
    if isinstance(coro_or_future, Future):
        return coro_or_future
    if loop is None:
        loop = get_event_loop()
    if iscoroutine(coro_or_future):
        return loop.create_task(coro_or_future)
    if hasattr(type(coro_or_future), '__await__') or (
            loop._host_wait is not None and type(coro_or_future).__name__ not in (
                'int', 'float', 'str', 'bool', 'NoneType', 'list', 'tuple', 'dict', 'set',
                'bytes', 'function')):
        return loop.create_task(_await_it(coro_or_future))
    raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')


def create_task(coro, *, name=None):
    """Schedules the coroutine as a Task of the running loop."""
    loop = get_running_loop()
    return loop.create_task(coro, name=name)


def run(main, *, debug=None):
    """Runs the coroutine main on a new event loop and returns its result;
    tasks still pending at the end are cancelled."""
    if _running[0] is not None:
        raise RuntimeError('asyncio.run() cannot be called from a running event loop')
    if not iscoroutine(main):
        raise ValueError('a coroutine was expected, got %r' % (main,))
    return _run_main(_Loop(), main)


def _run_main(loop, main):
    try:
        return loop.run_until_complete(main)
    finally:
        pending = [t for t in loop._tasks if not t.done()]
        if pending:
            for t in pending:
                t.cancel()
            loop.run_until_complete(gather(*pending, return_exceptions=True))
        loop.close()


_PLAIN = (int, float, str, bool, type(None), bytes, bytearray, list, tuple, dict, set,
          frozenset)


def _run_toplevel(main, host_wait):
    """A script compiled with top-level await (pyexpr.eval_async/exec_async):
    its body coroutine runs on a loop that waits on the host through
    host_wait."""
    return _run_main(_Loop(host_wait), main)


def _namespace(g):
    """exec_async's result: the top-level variables with a Python
    equivalent."""
    return dict((k, v) for k, v in g.items()
                if not (k.startswith('__') and k.endswith('__')) and type(v) in _PLAIN)


class _Sleep0:
    def __await__(self):
        yield


def _set_result_unless_cancelled(fut, result):
    if not fut.cancelled():
        fut.set_result(result)


async def sleep(delay, result=None):
    """Waits delay seconds (a virtual clock unless the host runs the loop)."""
    if delay <= 0:
        await _Sleep0()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    h = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()


class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        Future.__init__(self, loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    """A future of the list of results of every awaitable, in order."""
    if not coros_or_futures:
        outer = get_event_loop().create_future()
        outer.set_result([])
        return outer
    children = []
    distinct = []
    loop = None
    state = [0, None]   # finished children, the outer future

    def done_callback(fut):
        state[0] += 1
        outer = state[1]
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if state[0] == len(distinct):
            results = []
            for child in children:
                if child.cancelled():
                    msg = child._cancel_message
                    res = CancelledError('' if msg is None else msg)
                else:
                    res = child.exception()
                    if res is None:
                        res = child.result()
                results.append(res)
            if outer._cancel_requested:
                outer.set_exception(fut._make_cancelled_error())
            else:
                outer.set_result(results)

    for arg in coros_or_futures:
        fut = None
        for a, f in distinct:
            if a is arg:
                fut = f
                break
        if fut is None:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut._loop
            distinct.append((arg, fut))
            fut.add_done_callback(done_callback)
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    state[1] = outer
    return outer


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _cancel_and_wait(fut):
    waiter = fut._loop.create_future()
    fut.add_done_callback(lambda f: _release_waiter(waiter))
    fut.cancel()
    await waiter


async def wait_for(fut, timeout):
    """Awaits fut; after timeout seconds it is cancelled and TimeoutError
    raised."""
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    handle = loop.call_later(timeout, _release_waiter, waiter)

    def on_done(f):
        _release_waiter(waiter)

    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(on_done)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            fut.remove_done_callback(on_done)
            await _cancel_and_wait(fut)
            raise
        if fut.done():
            return fut.result()
        fut.remove_done_callback(on_done)
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    finally:
        handle.cancel()


def shield(arg):
    """A future that is not cancelled when the awaiting task is."""
    inner = ensure_future(arg)
    if inner.done():
        return inner
    outer = inner._loop.create_future()

    def inner_done(f):
        if outer.cancelled():
            if not f.cancelled():
                f.exception()
            return
        if f.cancelled():
            outer.cancel()
        elif f.exception() is not None:
            outer.set_exception(f.exception())
        else:
            outer.set_result(f.result())

    def outer_done(f):
        if not inner.done():
            inner.remove_done_callback(inner_done)

    inner.add_done_callback(inner_done)
    outer.add_done_callback(outer_done)
    return outer


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    """(done, pending) sets of the futures or tasks fs."""
    if isinstance(fs, Future) or iscoroutine(fs):
        raise TypeError('expect a list of futures, not %s' % type(fs).__name__)
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError('Invalid return_when value: %s' % (return_when,))
    loop = get_running_loop()
    fs = [ensure_future(f, loop=loop) for f in fs]
    waiter = loop.create_future()
    handle = None
    if timeout is not None:
        handle = loop.call_later(timeout, _release_waiter, waiter)
    left = [len(fs)]

    def on_done(f):
        left[0] -= 1
        if (left[0] <= 0 or return_when == FIRST_COMPLETED or
                (return_when == FIRST_EXCEPTION and not f.cancelled() and
                 f.exception() is not None)):
            if handle is not None:
                handle.cancel()
            _release_waiter(waiter)

    for f in fs:
        f.add_done_callback(on_done)
    try:
        await waiter
    finally:
        if handle is not None:
            handle.cancel()
        for f in fs:
            f.remove_done_callback(on_done)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


def as_completed(fs, *, timeout=None):
    """An iterator of awaitables giving the results in completion order."""
    loop = get_event_loop()
    todo = [ensure_future(f, loop=loop) for f in fs]
    done = _deque()
    waiters = _deque()

    def on_done(f):
        if f in todo:
            todo.remove(f)
        done.append(f)
        while waiters:
            w = waiters.popleft()
            if not w.done():
                w.set_result(None)
                break

    for f in todo:
        f.add_done_callback(on_done)

    async def next_done():
        if not done:
            w = loop.create_future()
            waiters.append(w)
            await w
        return done.popleft().result()

    for _ in range(len(todo)):
        yield next_done()


# ---------------------------------------------------------------------------
# Synchronisation
# ---------------------------------------------------------------------------

class _Waiters:
    """What Event, Lock and Semaphore share: the futures of waiting tasks."""

    _states = ('unset', 'set')

    def __init__(self, value=False):
        self._waiters = []
        self._value = value

    def __repr__(self):
        return '<asyncio.locks.%s object [%s]>' % (type(self).__name__,
                                                   self._states[bool(self._value)])

    def _wake_first(self):
        for w in self._waiters:
            if not w.done():
                w.set_result(True)
                return True
        return False

    async def _wait(self):
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            return await fut
        finally:
            self._waiters.remove(fut)

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Event(_Waiters):
    """A flag tasks can wait for."""

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if not self._value:
            await self._wait()
        return True


class Lock(_Waiters):
    """A mutual exclusion lock for tasks (_value: locked)."""

    _states = ('unlocked', 'locked')

    def locked(self):
        return self._value

    async def acquire(self):
        if not self._value and all(w.cancelled() for w in self._waiters):
            self._value = True
            return True
        try:
            await self._wait()
        except CancelledError:
            if not self._value:
                self._wake_first()
            raise
        self._value = True
        return True

    def release(self):
        if not self._value:
            raise RuntimeError('Lock is not acquired.')
        self._value = False
        self._wake_first()


class Semaphore(_Waiters):
    """A counter of free slots tasks wait for."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError('Semaphore initial value must be >= 0')
        _Waiters.__init__(self, value)

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in self._waiters)

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        try:
            await self._wait()
        except CancelledError:
            if self._value > 0:
                self._wake()
            raise
        if self._value > 0:
            self._wake()
        return True

    def _wake(self):
        if self._wake_first():
            self._value -= 1

    def release(self):
        self._value += 1
        self._wake()


class Queue:
    """A FIFO queue for tasks (maxsize <= 0: unbounded)."""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._queue = _deque()
        self._getters = _deque()
        self._putters = _deque()
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()

    def __repr__(self):
        return '<Queue maxsize=%r>' % (self._maxsize,)

    def _wakeup_next(self, waiters):
        while waiters:
            w = waiters.popleft()
            if not w.done():
                w.set_result(None)
                break

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._queue)

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def _wait_while(self, waiters, blocked):
        while blocked():
            w = get_running_loop().create_future()
            waiters.append(w)
            try:
                await w
            except BaseException:
                w.cancel()
                if w in waiters:
                    waiters.remove(w)
                if not blocked() and not w.cancelled():
                    self._wakeup_next(waiters)
                raise

    async def put(self, item):
        await self._wait_while(self._putters, self.full)
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._queue.append(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        await self._wait_while(self._getters, self.empty)
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._queue.popleft()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()
