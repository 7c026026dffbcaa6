"""The extension's compile cache (pyexpr.eval/exec on source strings,
cache_info / cache_clear / cache_resize) and pyexpr.profile (issue 5)."""

from __future__ import annotations

import concurrent.futures
import threading

import pytest

from _extension_build import load_pyexpr

pyexpr = load_pyexpr()

DEFAULT_MAXSIZE = 1024
DEFAULT_MAXBYTES = 64 << 20


@pytest.fixture(autouse=True)
def fresh_cache():
    pyexpr.cache_resize(DEFAULT_MAXSIZE, DEFAULT_MAXBYTES)
    pyexpr.cache_clear()
    yield
    pyexpr.cache_resize(DEFAULT_MAXSIZE, DEFAULT_MAXBYTES)
    pyexpr.cache_clear()


def info():
    return pyexpr.cache_info()


def test_cache_info_shape():
    ci = info()
    assert isinstance(ci, pyexpr.CacheInfo)
    assert ci._fields == ("hits", "misses", "maxsize", "currsize", "bytes", "maxbytes")
    assert ci == (0, 0, DEFAULT_MAXSIZE, 0, 0, DEFAULT_MAXBYTES)


def test_hit_miss_counters():
    assert pyexpr.eval("1 + 2") == 3
    ci = info()
    assert (ci.hits, ci.misses, ci.currsize) == (0, 1, 1)
    assert ci.bytes > 0
    assert pyexpr.eval("1 + 2") == 3
    assert pyexpr.eval("1 + 2") == 3
    ci = info()
    assert (ci.hits, ci.misses, ci.currsize) == (2, 1, 1)
    # mode is part of the key: exec of the same text is another entry
    assert pyexpr.exec("1 + 2") == {}
    ci = info()
    assert (ci.hits, ci.misses, ci.currsize) == (2, 2, 2)
    assert pyexpr.exec("1 + 2") == {}
    assert info()[:2] == (3, 2)
    # bytes sources share the key of the same UTF-8 text
    assert pyexpr.eval(b"1 + 2") == 3
    assert info()[:2] == (4, 2)


def test_cache_clear():
    pyexpr.eval("7")
    pyexpr.eval("7")
    pyexpr.cache_clear()
    assert info()[:4] == (0, 0, DEFAULT_MAXSIZE, 0)
    assert info().bytes == 0


def test_cache_false_does_not_touch_counters():
    pyexpr.eval("40 + 2")
    before = info()
    assert pyexpr.eval("40 + 2", cache=False) == 42
    assert pyexpr.eval("99 + 1", cache=False) == 100
    assert pyexpr.exec("z = 1", {"a": 1}, cache=False) == {"a": 1, "z": 1}
    with pytest.raises(SyntaxError):
        pyexpr.eval("1 +", cache=False)
    assert info() == before
    # cache=True is the default
    assert pyexpr.eval("40 + 2", cache=True) == 42
    assert info().hits == before.hits + 1


def test_code_objects_bypass_cache():
    code = pyexpr.compile("5 * 5", mode="eval")
    assert pyexpr.eval(code) == 25
    assert code.eval() == 25
    assert info() == (0, 0, DEFAULT_MAXSIZE, 0, 0, DEFAULT_MAXBYTES)


def test_cache_kw_with_limits():
    assert pyexpr.eval("x * 2", {"x": 4}, max_steps=1000, cache=True) == 8
    assert pyexpr.eval("x * 2", {"x": 5}, cache=False, max_steps=1000) == 10
    with pytest.raises(TypeError):
        pyexpr.eval("1", cachee=False)


def test_no_stale_state_across_hits():
    src = "x * 2 + y"
    for x in range(20):
        assert pyexpr.eval(src, {"x": x, "y": -x}) == x
    assert info()[:2] == (19, 1)
    # names missing on a later hit raise NameError (nothing left over)
    with pytest.raises(NameError):
        pyexpr.eval(src, {"x": 1})
    prog = "acc = []\nfor i in range(n):\n    acc.append(i)\ntotal = sum(acc) + base"
    for n in (3, 5, 0, 10):
        out = pyexpr.exec(prog, {"n": n, "base": 100})
        assert out["acc"] == list(range(n))
        assert out["total"] == sum(range(n)) + 100
    # mutable defaults and globals are rebuilt per run
    src2 = "def f(a=[]):\n    a.append(1)\n    return len(a)\nr = f() + f()"
    assert pyexpr.exec(src2)["r"] == 3
    assert pyexpr.exec(src2)["r"] == 3
    assert "x" not in pyexpr.exec("y = 1")


def test_eviction_via_resize():
    for i in range(5):
        pyexpr.eval(f"{i} + 0")
    assert info().currsize == 5
    pyexpr.cache_resize(2)
    ci = info()
    assert (ci.maxsize, ci.currsize, ci.maxbytes) == (2, 2, DEFAULT_MAXBYTES)
    assert (ci.hits, ci.misses) == (0, 5)  # counters are kept
    # the two most recently used survive
    pyexpr.eval("3 + 0")
    pyexpr.eval("4 + 0")
    assert info()[:2] == (2, 5)
    pyexpr.eval("0 + 0")  # evicted: a miss, evicts "3 + 0" (LRU)
    assert info()[:2] == (2, 6)
    pyexpr.eval("4 + 0")
    assert info()[:2] == (3, 6)
    pyexpr.eval("3 + 0")
    assert info()[:2] == (3, 7)
    assert info().currsize == 2


def test_resize_bytes_and_errors():
    pyexpr.cache_resize(10, 1)  # every entry exceeds 1 byte
    assert pyexpr.eval("1 + 1") == 2
    assert info().currsize == 0
    pyexpr.cache_resize(None)
    assert info().maxsize >= 2**62
    for bad in (0, -1):
        with pytest.raises(ValueError):
            pyexpr.cache_resize(bad)
    with pytest.raises(ValueError):
        pyexpr.cache_resize(5, 0)
    with pytest.raises(TypeError):
        pyexpr.cache_resize("5")


@pytest.mark.parametrize(
    "src,mode",
    [("1 +", "eval"), ("def f(:\n    pass", "exec"), ("if x:\npass", "exec"), ("(1, 2", "eval")],
)
def test_syntax_error_cached(src, mode):
    fn = pyexpr.eval if mode == "eval" else pyexpr.exec
    errs = []
    for _ in range(2):
        with pytest.raises(SyntaxError) as ei:
            fn(src)
        errs.append(ei.value)
    first, second = errs
    assert info()[:2] == (1, 1)  # the second one is a hit
    assert type(first) is type(second)
    assert first.msg == second.msg and str(first) == str(second)
    assert (first.lineno, first.offset, first.text, first.filename) == (
        second.lineno, second.offset, second.text, second.filename)
    # end_lineno/end_offset exist from Python 3.10 on
    assert getattr(first, "end_lineno", None) == getattr(second, "end_lineno", None)
    assert getattr(first, "end_offset", None) == getattr(second, "end_offset", None)
    # and the same as without the cache
    with pytest.raises(SyntaxError) as ei:
        fn(src, cache=False)
    assert type(ei.value) is type(first) and str(ei.value) == str(first)
    assert ei.value.lineno == first.lineno and ei.value.offset == first.offset


def test_threads_overlapping_sources():
    sources = [f"x * {k} + y" for k in range(8)]
    exec_src = "r = [i * k for i in range(n)]\ns = sum(r)"
    errors = []
    barrier = threading.Barrier(6)

    def work(tid):
        barrier.wait()
        for i in range(300):
            k = (i + tid) % len(sources)
            x, y = i, tid
            got = pyexpr.eval(sources[k], {"x": x, "y": y})
            if got != x * k + y:
                errors.append((sources[k], x, y, got))
            if i % 10 == 0:
                n = (i + tid) % 7
                out = pyexpr.exec(exec_src, {"n": n, "k": tid})
                if out["s"] != sum(j * tid for j in range(n)):
                    errors.append((exec_src, n, tid, out["s"]))
            if i % 50 == 0 and tid == 0:
                pyexpr.cache_resize(4)  # evictions while others run
                pyexpr.cache_resize(DEFAULT_MAXSIZE)
        return True

    with concurrent.futures.ThreadPoolExecutor(6) as ex:
        assert all(ex.map(work, range(6)))
    assert errors == []
    ci = info()
    assert ci.hits + ci.misses == 6 * 300 + 6 * 30
    assert ci.currsize <= DEFAULT_MAXSIZE


PROFILE_KEYS = ("lex_ns", "parse_ns", "compile_ns", "execute_ns", "format_ns", "total_ns", "cache")


@pytest.mark.parametrize(
    "args,kwargs",
    [
        (("x = sum(range(1000))",), {}),
        (("a + b", {"a": 1, "b": 2}), {"mode": "eval"}),
        (("print(1)",), {"mode": "eval"}),
        (("def f(n):\n    return n * 2\ny = f(k)",), {"names": {"k": 3}}),
    ],
)
def test_profile_schema(args, kwargs, capsys):
    before = info()
    p = pyexpr.profile(*args, **kwargs)
    assert isinstance(p, dict)
    assert tuple(p) == PROFILE_KEYS
    assert p["cache"] == "off"
    stages = [p[k] for k in PROFILE_KEYS[:5]]
    for v in stages + [p["total_ns"]]:
        assert type(v) is int and v >= 0
    assert sum(stages) <= p["total_ns"]
    assert p["parse_ns"] > 0 and p["compile_ns"] > 0 and p["execute_ns"] > 0
    assert info() == before  # profile compiles uncached


def test_profile_errors():
    with pytest.raises(SyntaxError):
        pyexpr.profile("1 +")
    with pytest.raises(NameError):
        pyexpr.profile("x + 1", mode="eval")
    with pytest.raises(ValueError):
        pyexpr.profile("1", mode="single")
    with pytest.raises(TypeError):
        pyexpr.profile("1", [1])
    with pytest.raises(TypeError):
        pyexpr.profile()
    assert pyexpr.profile("x + 1", {"x": 1}, "eval")["cache"] == "off"
