"""Hypothesis-driven differential test of bytes and bytearray.

Each Hypothesis example is ONE program: two bytes and two bytearray
variables, then a batch of random statements: indexing and slicing with
random bounds and steps, every method with random (sometimes wrong)
arguments, concatenation, repetition, comparison and membership, bytearray
item/slice assignment and deletion and its mutating methods, `+=`/`*=`,
str.encode / bytes.decode with random codecs and error handlers on text
with non-ASCII characters and lone surrogates, int.to_bytes /
int.from_bytes, bytes.fromhex and the constructors.

Every statement runs inside ``try/except Exception as e: print(type(e).__name__, e)``,
so the error paths (types and messages) are compared as well as the
results. The expected output is CPython's (the oracle), line by line; the
first differing line is reported with the program.

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 30 programs).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "30"))
BATCH = 50

ALPHABET = [0, 9, 10, 13, 32, 34, 39, 45, 48, 49, 65, 66, 92, 97, 98, 122, 127, 128, 195, 169, 255]
raw = st.lists(st.sampled_from(ALPHABET), max_size=8).map(bytes)
small = st.integers(-10, 10)
opt_small = st.none() | small
step = st.none() | st.integers(-3, 3).filter(bool)
byte_int = st.sampled_from([0, 10, 32, 97, 98, 255, 256, -1, True])
text = st.text(alphabet=st.sampled_from(list("ab \n-\u00e9\u00ff\u20ac\U0001f600\ud800\udcff\udc80")),
               max_size=6)
ENCODINGS = ["utf-8", "utf8", "ascii", "latin-1", "iso-8859-1", "US-ASCII", "L1", "nope"]
ERRORS = ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace",
          "surrogateescape", "surrogatepass", "bogus"]

BYTES = ["B0", "B1"]
ARRAYS = ["A0", "A1"]


def slice_src(draw) -> str:
    fmt = lambda x: "" if x is None else str(x)  # noqa: E731
    return f"{fmt(draw(opt_small))}:{fmt(draw(opt_small))}:{fmt(draw(step))}"


@st.composite
def arg(draw) -> str:
    """A needle/separator-like argument: mostly bytes-like, sometimes not."""
    k = draw(st.integers(0, 9))
    if k < 6:
        return repr(draw(raw))
    if k == 6:
        return f"bytearray({draw(raw)!r})"
    if k == 7:
        return repr(draw(byte_int))
    if k == 8:
        return draw(st.sampled_from(BYTES + ARRAYS))
    return repr(draw(st.sampled_from(["a", None, 1.5, (b"a", b"b")])))


@st.composite
def method_expr(draw, x: str) -> str:
    a, b = draw(arg()), draw(arg())
    i, j = draw(small), draw(opt_small)
    hexsep = draw(st.sampled_from(["", repr(":"), repr(b"-"), repr("ab")]))
    k = draw(st.integers(0, 33))
    return {
        0: f"{x}.find({a})", 1: f"{x}.rfind({a}, {i})", 2: f"{x}.count({a}, {i}, {j})",
        3: f"{x}.index({a})", 4: f"{x}.rindex({a}, {j})",
        5: f"{x}.startswith({a}, {i})", 6: f"{x}.endswith(({a}, {b}))",
        7: f"{x}.split({a})", 8: f"{x}.split(None, {i})", 9: f"{x}.rsplit({a}, {i})",
        10: f"{x}.rsplit()", 11: f"{x}.strip({a})", 12: f"{x}.lstrip()", 13: f"{x}.rstrip({a})",
        14: f"{x}.replace({a}, {b}, {i})", 15: f"{x}.partition({a})", 16: f"{x}.rpartition({a})",
        17: f"{x}.center({i + 5}, {a})", 18: f"{x}.ljust({i + 5})", 19: f"{x}.rjust({i + 5}, b'*')",
        20: f"{x}.zfill({i + 4})",
        21: f"({x}.upper(), {x}.lower(), {x}.swapcase(), {x}.title(), {x}.capitalize())",
        22: f"({x}.isalpha(), {x}.isalnum(), {x}.isdigit(), {x}.isspace(), {x}.isupper(), "
            f"{x}.islower(), {x}.istitle(), {x}.isascii())",
        23: f"{x}.hex({hexsep}{', ' + str(i) if hexsep and draw(st.booleans()) else ''})",
        24: f"{x}.splitlines({draw(st.booleans())})", 25: f"{x}.expandtabs({i})",
        26: f"{x}.join([{a}, {b}])", 27: f"{x}.decode({draw(st.sampled_from(ENCODINGS))!r}, "
                                        f"{draw(st.sampled_from(ERRORS))!r})",
        28: f"{x}.removeprefix({a})", 29: f"{x}.removesuffix({a})",
        30: f"{x}.translate(None, {a})", 31: f"{x}.translate(bytes.maketrans({a}, {b}))",
        32: f"{x}.split(sep={a}, maxsplit={i})", 33: f"{x}.hex()",
    }[k]


@st.composite
def read_stmt(draw) -> str:
    x = draw(st.sampled_from(BYTES + ARRAYS))
    y = draw(st.sampled_from(BYTES + ARRAYS))
    k = draw(st.integers(0, 14))
    return "print(" + {
        0: f"{x}[{draw(small)}]",
        1: f"{x}[{slice_src(draw)}]",
        2: draw(method_expr(x)),
        3: draw(method_expr(x)),
        4: draw(method_expr(x)),
        5: f"{x} + {y}, {y} + {draw(arg())}",
        6: f"{x} * {draw(small)}, {draw(small)} * {y}",
        7: f"{x} == {y}, {x} < {y}, {x} >= {y}, {x} != {draw(arg())}",
        8: f"{draw(arg())} in {x}",
        9: f"list({x}), len({x}), bool({x}), {x}[::-1]",
        10: f"hash({x}) == hash(bytes({x}))",
        11: f"bytes({draw(st.lists(byte_int, max_size=4))!r}), bytearray({draw(small)})",
        12: f"repr({x}), str({y})",
        13: f"{x} % ({draw(arg())},)",
        14: f"b'%s|%5b|%-4r|%c|%d|%x|%.2s' % ({draw(arg())}, {y}, {x}, {draw(byte_int)!r}, "
            f"{draw(small)}, {draw(byte_int)!r}, {x})",
    }[k] + ")\n"


@st.composite
def write_stmt(draw) -> str:
    A = draw(st.sampled_from(ARRAYS))
    B = draw(st.sampled_from(BYTES))
    v = draw(byte_int)
    lit = draw(arg())
    k = draw(st.integers(0, 16))
    stmt = {
        0: f"{A}[{draw(small)}] = {v!r}",
        1: f"{A}[{slice_src(draw)}] = {lit}",
        2: f"del {A}[{draw(small)}]",
        3: f"del {A}[{slice_src(draw)}]",
        4: f"{A}.append({v!r})",
        5: f"{A}.extend({lit})",
        6: f"print({A}.pop({draw(small)}))",
        7: f"{A}.insert({draw(small)}, {v!r})",
        8: f"{A}.remove({v!r})",
        9: f"{A}.reverse()",
        10: f"{A} += {lit}",
        11: f"{A} *= {draw(st.integers(-1, 3))}",
        12: f"{B} = {B} + {lit}",
        13: f"{B} = {B}[{slice_src(draw)}]",
        14: f"{A} = {A}.copy() if len({A}) < 40 else bytearray({draw(raw)!r})",
        15: f"{B} = bytes({A})",
        16: f"{A}[{draw(small)}:{draw(small)}] = {draw(st.sampled_from(ARRAYS + BYTES))}",
    }[k]
    return stmt + f"\nprint({A}, {B})\n"


@st.composite
def codec_stmt(draw) -> str:
    s = draw(text)
    enc, err = draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(ERRORS))
    n = draw(st.sampled_from([0, 1, 255, 256, -1, -129, 2**63, -(2**63) - 1, 10**20, 2**64 - 1]))
    length = draw(st.integers(-1, 10))
    order = draw(st.sampled_from(["big", "little", "middle"]))
    signed = draw(st.booleans())
    hexs = draw(st.text(alphabet="0123456789abcdefABCXZ \t", max_size=8))
    k = draw(st.integers(0, 5))
    return "print(" + {
        0: f"{s!r}.encode({enc!r}, {err!r})",
        1: f"{s!r}.encode({enc!r}, {err!r}).decode({enc!r}, {err!r})",
        2: f"({n}).to_bytes({length}, {order!r}, signed={signed})",
        3: f"int.from_bytes({draw(raw)!r}, {order!r}, signed={signed})",
        4: f"bytes.fromhex({hexs!r})",
        5: f"bytes({s!r}, {enc!r}, {err!r})",
    }[k] + ")\n"


any_stmt = st.one_of(read_stmt(), read_stmt(), write_stmt(), codec_stmt())

PRELUDE = (
    "B0 = b'hello world'\nB1 = b'\\x00a-b\\xff'\n"
    "A0 = bytearray(b'abc abc')\nA1 = bytearray()\n"
)


def wrap(stmt: str) -> str:
    body = "".join("    " + line + "\n" for line in stmt.strip("\n").split("\n"))
    return f"try:\n{body}except Exception as e:\n    print(type(e).__name__, e)\n"


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
)
@given(st.lists(any_stmt, min_size=BATCH, max_size=BATCH))
def test_bytes_batch(stmts: list) -> None:
    assert_batch_matches(PRELUDE + "".join(wrap(s) for s in stmts), errors="surrogatepass")
