"""Hypothesis-driven differential test of the json module.

Each Hypothesis example is ONE program: a batch of statements, each of
them one of
  - json.dumps of a random nested value (dicts with str/int/float/bool/None
    keys, lists, tuples, strings with escapes, control characters,
    non-ASCII and lone surrogates, ints of any size, floats incl. inf/nan)
    with random options: indent (int/str/None), separators, sort_keys,
    ensure_ascii, allow_nan, skipkeys, check_circular, default;
  - json.loads of random JSON text: CPython's json.dumps of a random value
    (with random options), then often mutated (characters inserted, deleted
    or replaced by JSON punctuation), so that most error paths are hit,
    with random hooks and strict=.
Every statement runs inside ``try/except Exception as e: print(type(e).__name__, e)``,
so results and error messages (JSONDecodeError positions included) are
compared with CPython's, line by line.

Knobs: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 25 programs).
"""

from __future__ import annotations

import json
import math
import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "25"))
BATCH = 40

CHARS = list("ab \"\\/\n\t\r\b\f\x00\x1f\x7f\u00e9\u20ac\U0001f600\ud800\udc00~")
text = st.text(alphabet=st.sampled_from(CHARS), max_size=6)
floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0, 1.5, -2.25, 1e16, 1e-7, 0.1, 1e300, 123.456, math.inf,
                          -math.inf, math.nan, 5e-324])
ints = st.integers(-10, 10) | st.integers(-2**70, 2**70) | st.sampled_from([2**63, -2**63])
scalars = st.none() | st.booleans() | ints | floats | text
keys = text | st.integers(-5, 5) | floats | st.booleans() | st.none()
bad_keys = st.sampled_from(["(1, 2)", "frozenset()", "b'k'"])


def src(v) -> str:
    """Python source for value v (floats spelled so that inf/nan parse)."""
    if isinstance(v, float):
        if math.isnan(v):
            return "float('nan')"
        if math.isinf(v):
            return "float('inf')" if v > 0 else "float('-inf')"
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(src(x) for x in v) + "]"
    if isinstance(v, tuple):
        return "(" + "".join(src(x) + ", " for x in v) + ")"
    if isinstance(v, dict):
        return "{" + ", ".join(src(k) + ": " + src(x) for k, x in v.items()) + "}"
    return repr(v)


values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def value_src(draw) -> str:
    s = src(draw(values))
    k = draw(st.integers(0, 9))
    if k == 0:  # a key JSON cannot have
        return "{" + draw(bad_keys) + ": 1, 'a': " + s + "}"
    if k == 1:  # something only default= can encode
        return "[" + s + ", {1, 2}]"
    return s


@st.composite
def dumps_stmt(draw) -> str:
    opts = []
    if draw(st.booleans()):
        opts.append("indent=" + repr(draw(st.sampled_from([0, 1, 2, -1, "", "\t", "ab", None]))))
    if draw(st.booleans()):
        opts.append("sort_keys=True")
    if draw(st.booleans()):
        opts.append("separators=" + repr(draw(st.sampled_from([(",", ":"), (" , ", " : "),
                                                                 (",", ": ")]))))
    for name in ["ensure_ascii", "allow_nan", "skipkeys", "check_circular"]:
        if draw(st.integers(0, 3)) == 0:
            opts.append(f"{name}={draw(st.booleans())}")
    if draw(st.integers(0, 3)) == 0:
        opts.append("default=" + draw(st.sampled_from(["sorted", "str", "repr", "list"])))
    call = f"json.dumps({draw(value_src())}{''.join(', ' + o for o in opts)})"
    return f"print(ascii({call}))"


PUNCT = list('{}[],:"\\ u0e1-.+ENaIy\n\t\x01\u00e9')


@st.composite
def json_text(draw) -> str:
    v = draw(values)
    k = draw(st.integers(0, 3))
    t = json.dumps(v, indent=[None, 1, None, "\t"][k], ensure_ascii=draw(st.booleans()),
                   sort_keys=False, default=str)
    for _ in range(draw(st.integers(0, 3))):
        if not t:
            break
        i = draw(st.integers(0, len(t)))
        op = draw(st.integers(0, 2))
        c = draw(st.sampled_from(PUNCT))
        t = t[:i] + c + t[i:] if op == 0 else t[:i] + t[i + 1:] if op == 1 else t[:i] + c + t[i + 1:]
    if draw(st.integers(0, 7)) == 0:
        t = draw(st.sampled_from(["", " ", "  \n", "\ufeff"])) + t + draw(st.sampled_from(["", " x", "]"]))
    return t


@st.composite
def loads_stmt(draw) -> str:
    opts = []
    if draw(st.integers(0, 3)) == 0:
        opts.append("strict=False")
    hook = draw(st.integers(0, 6))
    if hook == 1:
        opts.append("object_hook=lambda d: sorted(d)")
    elif hook == 2:
        opts.append("object_pairs_hook=lambda p: p")
    elif hook == 3:
        opts.append("parse_float=str, parse_int=lambda s: -int(s)")
    elif hook == 4:
        opts.append("parse_constant=lambda s: s.lower()")
    t = draw(json_text())
    call = f"json.loads({t!r}{''.join(', ' + o for o in opts)})"
    if draw(st.integers(0, 4)) == 0:
        return (f"try:\n    {call}\nexcept json.JSONDecodeError as e:\n"
                f"    print(e.msg, e.pos, e.lineno, e.colno)\n    raise")
    return f"print(ascii({call}))"


any_stmt = st.one_of(dumps_stmt(), loads_stmt())


def wrap(stmt: str) -> str:
    body = "".join("    " + line + "\n" for line in stmt.strip("\n").split("\n"))
    return f"try:\n{body}except Exception as e:\n    print(type(e).__name__, ascii(str(e)))\n"


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
)
@given(st.lists(any_stmt, min_size=BATCH, max_size=BATCH))
def test_json_batch(stmts: list) -> None:
    assert_batch_matches("import json\n" + "".join(wrap(s) for s in stmts), errors="surrogatepass")
