"""Native recursion (container reprs, comparisons, Python code called from
C, generators resumed from C) is bounded by an absolute cap as well as by
max_depth: a host's huge max_depth must give a RecursionError, never a C
stack overflow."""
import pytest

from _util import assert_no_crash, last_stderr_line, run_pyexpr

PROGRAMS = {
    "nested_list_repr": "l = []\nfor i in range(300000):\n    l = [l]\nprint(len(repr(l)))\n",
    "nested_list_eq": "a = []\nb = []\nfor i in range(300000):\n    a = [a]\n    b = [b]\nprint(a == b)\n",
    "python_repr_chain": ("class R:\n    def __init__(s, n): s.n = n\n"
                          "    def __repr__(s):\n        return 'R' if s.n == 0 else repr(R(s.n - 1))\n"
                          "print(repr(R(300000)))\n"),
    "dunder_eq_chain": ("class E:\n    def __init__(s, n): s.n = n\n"
                        "    def __eq__(s, o):\n        return s.n == 0 or E(s.n - 1) == o\n"
                        "print(E(300000) == 1)\n"),
    "generator_chain": ("def g(n):\n    if n:\n        yield next(g(n - 1))\n    else:\n        yield 0\n"
                        "print(next(g(300000)))\n"),
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_deep_native_recursion_is_a_recursion_error(name):
    res = run_pyexpr(["--max-depth", "1000000", "-c", PROGRAMS[name]], timeout=120)
    assert_no_crash(res)
    assert res.returncode == 1, res.describe()
    assert last_stderr_line(res.stderr).startswith("RecursionError: maximum recursion depth exceeded"), res.describe()
