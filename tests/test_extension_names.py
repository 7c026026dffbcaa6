"""Binding ``names`` for a precompiled ``pyexpr.Code`` (csrc/ext/run.c).

A dict of about as many entries as the program has globals is bound by
iterating it and finding each key's slot by the key's address (the program's
names are interned); other dicts, non-interned keys, keys that are not exact
str and large dicts take the lookup paths. Every case must give what CPython's
``eval(code_object, dict(names))`` gives (computed here, at test time).
"""

from __future__ import annotations

import pytest

from _extension_build import load_pyexpr

pyexpr = load_pyexpr()

FORMULA = "a*b + c*d - e/f + g**2 - h*i + j"
BASE = dict(a=1, b=2, c=3, d=4, e=5.0, f=6, g=7, h=8, i=9, j=10)


class Key(str):
    pass


class EqAll:
    """A key equal to nothing a program names (the lookup path)."""

    def __hash__(self):
        return 1


def _dynamic(s: str) -> str:
    # a str equal to s but not the interned object
    out = "".join([s[:1], s[1:]]) if len(s) > 1 else (s + "!")[:1]
    return out if out is not s else str(bytearray(s, "ascii"), "ascii")


def _cases():
    yield "plain", dict(BASE)
    yield "extra names", {**BASE, "zz": 1, "yy": [1, 2]}
    big = {f"unused{k}": k for k in range(100)}
    big.update(BASE)
    yield "large dict", big
    yield "missing names are builtins or errors", {k: v for k, v in BASE.items() if k != "j"}
    d = {}
    for k, v in BASE.items():
        d[_dynamic(k) if k in "ace" else k] = v
    yield "non-interned keys", d
    d = {Key(k) if k == "b" else k: v for k, v in BASE.items()}
    yield "str subclass key", d
    d = dict(BASE)
    d[5] = 5
    d[EqAll()] = 0
    yield "non-str keys", d
    d = dict(BASE)
    d["\udcff"] = 3
    yield "lone surrogate key", d
    d = {k: (float(v) if k in "bd" else v) for k, v in BASE.items()}
    d["g"] = 10 ** 30
    yield "bigint and floats", d


CASES = list(_cases())


@pytest.mark.parametrize("label,names", CASES, ids=[c[0] for c in CASES])
def test_formula_names_match_cpython(label, names):
    code = pyexpr.compile(FORMULA, mode="eval")
    cp = compile(FORMULA, "<string>", "eval")
    try:
        want = ("ok", eval(cp, dict(names)))
    except Exception as e:  # noqa: BLE001 - the oracle's outcome, whatever it is
        want = ("err", type(e).__name__, str(e))
    for _ in range(3):  # the same Code again: nothing kept from the last call
        try:
            got = ("ok", code.eval(names))
        except Exception as e:  # noqa: BLE001
            got = ("err", type(e).__name__, str(e))
        assert got == want, label


def test_exec_names_result_keeps_every_key():
    code = pyexpr.compile("x = a + 1\ny = b * 2", mode="exec")
    names = {"a": 1, _dynamic("b"): 3, "other": "kept"}
    ns = dict(names)
    exec(compile("x = a + 1\ny = b * 2", "<string>", "exec"), ns)
    del ns["__builtins__"]
    assert code.exec(names) == ns


def test_unconvertible_value_names_its_variable():
    code = pyexpr.compile("a + b", mode="eval")
    with pytest.raises(TypeError, match="variable 'b'"):
        code.eval({"a": 1, "b": object()})


def test_non_interned_keys_are_found_by_value():
    src = "alpha * 10 + beta - gamma_value"
    code = pyexpr.compile(src, mode="eval")
    keys = ["".join(["al", "pha"]), "".join(["be", "ta"]), "gamma_value"]
    assert keys[0] is not "alpha" and keys[1] is not "beta"  # noqa: F632 - identity on purpose
    names = dict(zip(keys, [3, 4, 5]))
    names["".join(["un", "used"])] = 1
    assert code.eval(names) == eval(compile(src, "<string>", "eval"), dict(names)) == 29


def test_run_keywords_by_value_and_not_only_by_identity():
    class K(str):
        pass

    dyn = "".join(["ca", "che"])
    assert pyexpr.eval("2 + 3", **{K("cache"): False}) == 5
    assert pyexpr.eval("2 + 3", **{dyn: False}) == 5
    with pytest.raises(pyexpr.LimitError):
        pyexpr.eval("sum(range(10 ** 6))", **{"".join(["max_", "steps"]): 5})
    with pytest.raises(TypeError, match="unexpected keyword argument 'max_stepz'"):
        pyexpr.eval("1", **{"".join(["max_", "stepz"]): 5})
