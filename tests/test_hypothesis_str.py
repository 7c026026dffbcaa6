"""Hypothesis-driven differential test of the str type.

Each Hypothesis example is a batch of ~30 random string expressions: method
calls with random arguments (every str method pyexpr implements), indexing
and slicing with random bounds and steps, ``format(value, spec)`` with
random format specs over str/int/float values, printf-style ``%``
formatting with random flags/width/precision, ``str.format`` templates,
``repr``/``ascii``, comparisons, ``in``, ``+`` and ``*``.  Strings are drawn
from an alphabet mixing ASCII, quotes, backslashes, control characters and
non-ASCII characters with special case mappings (``ß``, final sigma,
``İ``, titlecase digraphs, astral code points, Unicode spaces and line
breaks).

The subset has no try/except yet, so only expressions that succeed under
CPython (checked in-process while generating) go into a batch.  The batch
becomes ONE program that prints ``repr()`` of every expression, one per
line (f-string cases bind the value to ``_v`` first); pyexpr's stdout must equal CPython's (computed in-process by running
the same program text).  On a mismatch the first differing expression is
reported.

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 60 batches).
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "60"))
BATCH = 30

ALPHABET = (
    "abcxyzABCXYZ019 _-.,:;!?'\"\\\t\n\r\x00\x1b\x7f"
    "\xe9\xdf\xc0\xa0\u03a3\u03c3\u03c2\u0391\u0130\u01c5\u01c6\ufb01\u1f88"
    "\u00b2\u00bd\u0661\u4e00\u3000\x85\u2028\u200b\U0001f600\U000e0001"
)
texts = st.text(alphabet=ALPHABET, max_size=10)
short_texts = st.text(alphabet="ab\xe9\u03a3 ,\n", max_size=3)
small = st.integers(-12, 12)
opt_small = st.none() | small

NOARG = [
    "upper", "lower", "title", "capitalize", "swapcase", "casefold", "isalpha",
    "isalnum", "isdigit", "isdecimal", "isnumeric", "isspace", "isupper", "islower",
    "istitle", "isidentifier", "isprintable", "isascii", "strip", "lstrip", "rstrip",
    "split", "rsplit", "splitlines", "expandtabs",
]
SEARCH = ["find", "rfind", "index", "rindex", "count", "startswith", "endswith"]


def lit(v) -> str:
    """Source text for a value (floats inf/nan need a call)."""
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return f"float({str(v)!r})"
    return repr(v)


def args_src(*args) -> str:
    return ", ".join(lit(a) for a in args)


@st.composite
def method_expr(draw) -> str:
    s = draw(texts)
    kind = draw(st.integers(0, 9))
    if kind <= 2:
        return f"{s!r}.{draw(st.sampled_from(NOARG))}()"
    if kind == 3:
        sub = draw(st.one_of(short_texts, st.just(s[1:3])))
        m = draw(st.sampled_from(SEARCH))
        extra = draw(st.lists(opt_small, max_size=2))
        return f"{s!r}.{m}({args_src(sub, *extra)})"
    if kind == 4:
        m = draw(st.sampled_from(["split", "rsplit"]))
        sep = draw(st.one_of(st.none(), short_texts.filter(bool), st.just(s[2:3] or ",")))
        return f"{s!r}.{m}({args_src(sep, draw(st.integers(-1, 4)))})"
    if kind == 5:
        return f"{s!r}.replace({args_src(draw(short_texts), draw(short_texts), draw(st.integers(-1, 3)))})"
    if kind == 6:
        m = draw(st.sampled_from(["center", "ljust", "rjust", "zfill"]))
        width = draw(st.integers(-2, 14))
        if m == "zfill":
            return f"{s!r}.zfill({width})"
        fill = draw(st.sampled_from(["", " ", "*", "\xe9", "\U0001f600"]))
        return f"{s!r}.{m}({args_src(width, *([fill] if fill else []))})"
    if kind == 7:
        m = draw(st.sampled_from(["partition", "rpartition", "removeprefix", "removesuffix"]))
        return f"{s!r}.{m}({draw(st.one_of(short_texts, st.just(s[:2])))!r})"
    if kind == 8:
        m = draw(st.sampled_from(["strip", "lstrip", "rstrip"]))
        return f"{s!r}.{m}({draw(short_texts)!r})"
    parts = draw(st.lists(texts, max_size=4))
    return f"{draw(short_texts)!r}.join({parts!r})"


@st.composite
def slice_expr(draw) -> str:
    s = draw(texts)
    if draw(st.booleans()):
        return f"{s!r}[{draw(small)}]"
    a, b = draw(opt_small), draw(opt_small)
    c = draw(st.none() | st.integers(-4, 4).filter(bool))
    fmt = lambda x: "" if x is None else str(x)  # noqa: E731
    return f"{s!r}[{fmt(a)}:{fmt(b)}:{fmt(c)}]"


values = st.one_of(
    texts,
    st.integers(-(10**12), 10**12),
    st.integers(-(2**80), 2**80),
    st.sampled_from([0.0, -0.0, 1.5, -2.25, 1e20, 1e-7, 123.456, 0.1, 2.5, float("inf"),
                     float("nan"), 1e16, 9.999999]),
    st.booleans(),
)


@st.composite
def spec_text(draw) -> str:
    fill = draw(st.sampled_from(["", "", "*", "\xe9", "0"]))
    align = draw(st.sampled_from(["", "<", ">", "^", "="]))
    sign = draw(st.sampled_from(["", "", "+", "-", " "]))
    z = draw(st.sampled_from(["", "", "", "z"]))
    alt = draw(st.sampled_from(["", "", "#"]))
    zero = draw(st.sampled_from(["", "", "0"]))
    width = draw(st.sampled_from(["", "", "1", "5", "12"]))
    grouping = draw(st.sampled_from(["", "", "", ",", "_"]))
    prec = draw(st.sampled_from(["", "", ".0", ".1", ".3", ".10"]))
    typ = draw(st.sampled_from(["", "", "s", "d", "x", "X", "o", "b", "c", "e", "E", "f", "F",
                                "g", "G", "%", "n"]))
    return (fill + align if align else "") + sign + z + alt + zero + width + grouping + prec + typ


@st.composite
def format_stmt(draw) -> str:
    """format(), str.format and f-strings (FORMAT_VALUE) with one spec."""
    v = draw(values)
    spec = draw(spec_text())
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return show(f"format({lit(v)}, {spec!r})")
    if kind == 1:
        return show(f"{('{:' + spec + '}')!r}.format({lit(v)})")
    conv = draw(st.sampled_from(["!r", "!s", "!a", ""]))
    if kind == 2:
        return show(f"{('{0' + conv + ':' + spec + '}|{0}')!r}.format({lit(v)})")
    return f"_v = {lit(v)}\n" + show(f"f'<{{_v{conv}:{spec}}}>'")


@st.composite
def percent_expr(draw) -> str:
    flags = "".join(draw(st.lists(st.sampled_from("-+ #0"), max_size=3)))
    width = draw(st.sampled_from(["", "", "3", "8", "*"]))
    prec = draw(st.sampled_from(["", "", ".0", ".2", ".5", ".*"]))
    conv = draw(st.sampled_from("sradiuoxXeEfFgGc"))
    v = draw(values)
    args = ([draw(st.integers(-9, 9))] if width == "*" else []) + (
        [draw(st.integers(-3, 6))] if prec == ".*" else []) + [v]
    fmt = "<%" + flags + width + prec + conv + ">"
    return f"{fmt!r} % ({args_src(*args)},)"


@st.composite
def misc_expr(draw) -> str:
    a, b = draw(texts), draw(texts)
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return f"repr({a!r})"
    if kind == 1:
        return f"ascii({a!r})"
    if kind == 2:
        op = draw(st.sampled_from(["<", "<=", "==", "!=", ">", ">=", "in", "not in", "+"]))
        return f"{a!r} {op} {b!r}"
    if kind == 3:
        return f"{a!r} * {draw(st.integers(-2, 4))}"
    return f"[len({a!r}), list({a!r})]"


def show(expr: str) -> str:
    return f"print(repr({expr}))\n"


exprs = st.one_of(method_expr(), method_expr(), slice_expr(), percent_expr(), percent_expr(),
                  misc_expr())
any_stmt = st.one_of(exprs.map(show), exprs.map(show), format_stmt())

_GLOBALS = {"__builtins__": builtins}


def succeeds(stmt: str) -> bool:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(stmt, "<case>", "exec"), dict(_GLOBALS))
    except Exception:  # noqa: BLE001 - raising cases are filtered out
        return False
    return True


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(any_stmt, min_size=BATCH, max_size=BATCH))
def test_str_batch(stmts: list) -> None:
    stmts = [s for s in stmts if succeeds(s)]
    assert_batch_matches("".join(stmts), labels=[s.strip() for s in stmts], namespace=_GLOBALS)
