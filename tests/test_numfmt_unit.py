"""Unit tests of csrc/floatobj.c and csrc/numfmt.c against CPython itself.

The C driver csrc/tests/test_numfmt.c is built by the Makefile against the
engine library (make build/asan/tests/test_numfmt: ASan+UBSan), and
additionally with musl-gcc when it is installed (the release binary may be
a static musl build, whose printf/strtod/libm the formatting code relies
on). Every expectation is computed by the
running Python at test time: Python is the oracle.
"""
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from _cbuild import SAN_ENV, c_program, make

ROOT = Path(__file__).resolve().parents[1]
CSRC = ROOT / "csrc"

pytestmark = pytest.mark.skipif(sys.version_info[:2] != (3, 11),
                                reason="the oracle is CPython 3.11's behaviour")


# ---------------------------------------------------------------------------
# building (by make, against the engine library) and running the driver

def _warnings(log):
    return [ln for ln in log.splitlines() if "warning:" in ln]


@pytest.fixture(scope="module")
def drivers():
    """(name, exe, warnings): the ASan+UBSan build, plus a static musl build
    when musl-gcc is installed (the release binary may be one; its printf,
    strtod and libm are what the formatting code then relies on). Warnings
    are those of the objects make (re)built for this session."""
    out = []
    ok, log = make("build/asan/tests/test_numfmt")
    exe, desc = c_program("test_numfmt", "asan", probe=[])
    out.append((desc, exe, _warnings(log) if ok else []))
    if shutil.which("musl-gcc"):
        musl = ("BUILD=build/pytest-musl", "LIBC=musl", "STATIC=1")
        ok, log = make("build/pytest-musl/release/tests/test_numfmt", *musl)
        exe, _ = c_program("test_numfmt", "release", *musl)
        out.append(("musl", exe, _warnings(log) if ok else []))
    return out


def run_driver(exe, lines):
    r = subprocess.run([str(exe), "-"], input="\n".join(lines) + "\n",
                       capture_output=True, text=True, timeout=120, env={**os.environ, **SAN_ENV})
    assert r.returncode == 0, "driver exit %d\n%s" % (r.returncode, r.stderr[-4000:])
    out = r.stdout.splitlines()
    assert len(out) == len(lines), "driver printed %d lines for %d commands\n%s" % (
        len(out), len(lines), r.stderr[-2000:])
    return out


def check_all(drivers, cases):
    """cases: list of (command, expected line or predicate, description)."""
    cmds = [c for c, _, _ in cases]
    for name, exe, _ in drivers:
        got = run_driver(exe, cmds)
        bad = []
        for (cmd, want, desc), line in zip(cases, got):
            ok = want(line, name) if callable(want) else line == want
            if not ok:
                bad.append("%s\n    got:  %s\n    want: %s" % (
                    desc, decode_line(line), "<predicate>" if callable(want) else decode_line(want)))
        assert not bad, "[%s] %d/%d mismatches, first ones:\n%s" % (
            name, len(bad), len(cases), "\n".join(bad[:15]))


# ---------------------------------------------------------------------------
# encoding helpers (the driver's line protocol)

def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def hexs(s):
    return "x" + s.encode("utf-8", "surrogatepass").hex()


def err_line(e):
    return "ERR %s %s" % (type(e).__name__, hexs(str(e)))


def decode_line(line):
    """Human-readable form of a driver line for failure messages."""
    def dec(m):
        try:
            return repr(bytes.fromhex(m.group(1)).decode("utf-8", "surrogatepass"))
        except ValueError:
            return m.group(0)
    return re.sub(r"\bx([0-9a-f]*)\b", dec, line)


def expect(fn):
    """Expected driver line for a string-valued Python computation."""
    try:
        return "OK " + hexs(fn())
    except Exception as e:  # noqa: BLE001 - the oracle's exception is the expectation
        return err_line(e)


# ---------------------------------------------------------------------------
# value generators

def random_doubles(rng, n):
    vals = []
    for _ in range(n):
        x = from_bits(rng.getrandbits(64))
        if math.isfinite(x):
            vals.append(x)
    return vals


def interesting_doubles(rng):
    vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 5e-324, 2.2250738585072014e-308,
            2.225073858507201e-308, 1.7976931348623157e308, 0.30000000000000004,
            1 / 3, 2 / 3, 9.995, 0.0005, 99999.5, 1234.5, 123456789.0, 1e22, 1e23, 1e300]
    for e in range(-30, 31):
        x = float("1e%d" % e)
        vals += [x, math.nextafter(x, 0), math.nextafter(x, math.inf)]
    vals += [float(2 ** 53 + k) for k in range(-100, 101)]  # integers near 2**53
    vals += [float(10 ** 16 + k) for k in range(-50, 51)]
    for k in range(-1074, 1024):                       # every power of two
        vals.append(math.ldexp(1.0, k))
    for base in (2.0 ** 53, 1e16, 1e-4, 1e15, 1e17):
        x = base
        for _ in range(30):
            vals.append(x)
            x = math.nextafter(x, math.inf)
        x = base
        for _ in range(30):
            x = math.nextafter(x, 0)
            vals.append(x)
    for _ in range(30000):                            # short decimals
        digits = rng.randint(1, 17)
        m = rng.randrange(10 ** (digits - 1), 10 ** digits)
        vals.append(float("%de%d" % (m, rng.randint(-340, 300))))
    for _ in range(10000):                            # subnormals
        vals.append(from_bits(rng.getrandbits(52)))
    for _ in range(5000):
        vals.append(rng.random())
        vals.append(float(rng.randint(-10 ** 6, 10 ** 6)) / rng.choice([1, 2, 4, 8, 10, 100, 1000]))
    return vals + [-v for v in vals[:2000]]


# ---------------------------------------------------------------------------
# tests

def test_build_is_warning_free(drivers):
    for name, _, warnings in drivers:
        assert not warnings, "[%s] compiler warnings:\n%s" % (name, "\n".join(warnings))


def test_self_test(drivers):
    for name, exe, _ in drivers:
        r = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, "[%s] %s%s" % (name, r.stdout, r.stderr)


def test_ryu_tables_match_their_definition():
    src = (CSRC / "core" / "numfmt.c").read_text()

    def table(name):
        body = re.search(r"%s\[\d+\]\[2\] = \{(.*?)\};" % name, src, re.S).group(1)
        pairs = re.findall(r"\{(\d+)u, (\d+)u\}", body)
        return [int(lo) | int(hi) << 64 for lo, hi in pairs]
    inv = table("ryu_pow5_inv_split")
    fwd = table("ryu_pow5_split")
    assert len(inv) == 342 and len(fwd) == 326
    for q, v in enumerate(inv):
        p = 5 ** q
        assert v == (1 << (p.bit_length() - 1 + 125)) // p + 1, q
    for i, v in enumerate(fwd):
        p = 5 ** i
        n = p.bit_length()
        assert v == (p >> (n - 125) if n >= 125 else p << (125 - n)), i


def test_repr(drivers):
    rng = random.Random(1234)
    vals = random_doubles(rng, 150000) + interesting_doubles(rng)
    vals += [math.inf, -math.inf, math.nan, -math.nan]
    assert len(vals) >= 200000
    check_all(drivers, [("repr " + bits(x), "OK " + repr(x), "repr(%r)" % x) for x in vals])


def _parse_expect(s):
    try:
        v = float(s)
    except ValueError:
        return "INVALID"
    return lambda line, _drv, v=v: (line.startswith("OK ") and (
        (math.isnan(v) and math.isnan(from_bits(int(line[3:], 16)))) or line == "OK " + bits(v)))


def parse_strings(rng):
    out = ["", " ", "0", "-0", "+0.0", "1_0.5", "1__0", "_1", "1_", "1_.5", "1._5", "1e1_0",
           "1e_10", "0x1p3", "0X10", "nan(123)", "infinit", "+Infinity", "-iNF", "nAn", "-nan",
           "- 1", "1e", "1e+", ".", ".e1", "5.", ".5", "-.5", "+.e5", "1.5E+3", "1.e5",
           "\x0b1\x0c", "1\x00", "\x1c1", "1 _", "1_ ", "\u0661\u0662", "\u0661_\u0662",
           "\u20001\u3000", "1\u0332", "\t\n 12.5 \r", "1e5.", "1.5e+-3", "infinity ",
           "  -infinity", "inf_", "in f", "1e-400", "1e400", "-1e400", "1" * 5000,
           "0." + "0" * 400 + "1", "1" + "0" * 400 + "e-400", "0" * 300 + "1.5",
           "1e" + "9" * 30, "1e-" + "9" * 30, "0e" + "9" * 30, "2.4703282292062327e-324",
           "2.4703282292062328e-324", "1e0000000000000000000001", "١٫٥", "１２３",
           "𝟏𝟐", "1\u00a0", "\u00851", "1" + "_0" * 50, "9" * 800 + "e-800"]
    alphabet = "0123456789_.eE+- infatyINFATYx\t\u0663\u2003"
    for _ in range(6000):
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    for _ in range(6000):
        x = from_bits(rng.getrandbits(64))
        s = repr(x)
        if rng.random() < 0.3 and "e" not in s and "n" not in s:
            s = "_".join(s[i:i + 3] for i in range(0, len(s), 3))
        out.append(s)
    for _ in range(1500):                              # exact halfway points and neighbours
        x = abs(from_bits(rng.getrandbits(64)))
        if not math.isfinite(x) or x == 0:
            continue
        mid = (Decimal(x) + Decimal(math.nextafter(x, math.inf))) / 2
        tiny = Decimal(1).scaleb(mid.adjusted() - 900)
        for m in (mid, mid + tiny, mid - tiny):
            out.append(format(m, "f") if rng.random() < 0.5 else format(m, "e"))
    return out


def test_parse(drivers):
    rng = random.Random(99)
    cases = [("parse " + hexs(s), _parse_expect(s), "float(%r)" % s[:80])
             for s in parse_strings(rng)]
    check_all(drivers, cases)


def arith_values(rng):
    vals = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0,
            -3.0, 5.0, -5.0, 7.5, -7.5, 0.1, -0.1, 1 / 3, -1 / 3, 10.0, 1e16, 2.0 ** 53,
            5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1e-5, 1e300, 1e308,
            1.7976931348623157e308, -1.7976931348623157e308, 0.3, 1e22, -1e22, 4.5, 2.0 ** 60]
    for _ in range(25):
        vals.append(rng.uniform(-100, 100))
        vals.append(from_bits(rng.getrandbits(64)))
    return vals


def _arith_expect(op, a, b):
    try:
        if op == "div":
            r = [a / b]
        elif op == "floordiv":
            r = [a // b]
        elif op == "mod":
            r = [a % b]
        elif op == "divmod":
            r = list(divmod(a, b))
        else:
            if math.isfinite(a) and a < 0 and math.isfinite(b) and b != math.floor(b):
                # CPython returns a complex (or raises OverflowError 'complex
                # exponentiation'); pyexpr has no complex type
                return "ERR ValueError " + hexs("complex numbers are not supported")
            r = [a ** b]
    except (ZeroDivisionError, OverflowError, ValueError) as e:
        return err_line(e)
    # pow's last step is libm's pow(), as in CPython. A musl build has a
    # relative of glibc's algorithm without its FMA path: 1 ulp apart in
    # about 1 in 2000 results. Any other build must match bit for bit.
    ulps = 1 if op == "pow" else 0

    def pred(line, drv, r=r):
        parts = line.split()
        if parts[0] != "OK" or len(parts) != len(r) + 1:
            return False
        for want, got in zip(r, parts[1:]):
            g = from_bits(int(got, 16))
            if math.isnan(want):
                if not math.isnan(g):
                    return False
            elif got != bits(want) and not (
                    drv == "musl" and ulps and math.isfinite(g)
                    and abs(int(got, 16) - int(bits(want), 16)) <= ulps):
                return False
        return True
    return pred


def test_arithmetic(drivers):
    vals = arith_values(random.Random(7))
    cases = []
    for a in vals:
        for b in vals:
            for op in ("div", "floordiv", "mod", "divmod", "pow"):
                cases.append(("%s %s %s" % (op, bits(a), bits(b)), _arith_expect(op, a, b),
                              "%s(%r, %r)" % (op, a, b)))
    check_all(drivers, cases)


def test_hash(drivers):
    rng = random.Random(5)
    vals = arith_values(rng) + random_doubles(rng, 20000) + [float(i) for i in range(-500, 500)]
    vals += [float(2 ** k) for k in range(0, 1000, 7)] + [2.0 ** -k for k in range(1, 1075, 3)]
    cases = [("hash " + bits(x), "OK %d" % (0 if math.isnan(x) else hash(x)), "hash(%r)" % x)
             for x in vals]
    check_all(drivers, cases)


def test_round(drivers):
    rng = random.Random(11)
    vals = arith_values(rng) + random_doubles(rng, 3000) + [2.675, 0.125, 0.375, 2.5, -2.5,
                                                            15.0, 25.0, 14.6, -25.0, 0.5]
    vals += [rng.uniform(-1e6, 1e6) for _ in range(2000)]
    vals += [float(rng.randint(1, 999)) * 10.0 ** rng.randint(-20, 300) / 2 for _ in range(2000)]
    cases = []
    for x in vals:
        nds = [rng.randint(-330, 330) for _ in range(3)] + [0, 1, 2, -1, -2, -308, -309, 323,
                                                           324, 10 ** 18, -10 ** 18]
        for nd in nds:
            try:
                want = "OK " + bits(round(x, nd))
            except OverflowError as e:
                want = err_line(e)
            if math.isnan(x):
                want = (lambda line, _drv: line.startswith("OK ") and math.isnan(
                    from_bits(int(line[3:], 16))))
            cases.append(("round %s %d" % (bits(x), nd), want, "round(%r, %d)" % (x, nd)))
        try:
            want0 = "OK %d" % round(x)
        except (OverflowError, ValueError) as e:
            want0 = err_line(e)
        cases.append(("round0 " + bits(x), want0, "round(%r)" % x))
    check_all(drivers, cases)


# --- format() ----------------------------------------------------------------

ALIGNS = ["", "<", ">", "^", "=", "*<", "*^", "*>", "0=", "é>", "0<", "x=", "\x00<", "😀^"]
SIGNS = ["", "+", "-", " "]
WIDTHS = ["", "1", "8", "15", "25", "0", "08", "012"]
GROUPS = ["", ",", "_"]
PRECS = ["", ".0", ".1", ".3", ".6", ".10", ".17", ".25", ".120"]


def gen_specs(rng, types, n):
    specs = set()
    while len(specs) < n:
        specs.add(rng.choice(ALIGNS) + rng.choice(SIGNS) + rng.choice(["", "", "z"])
                  + rng.choice(["", "#"]) + rng.choice(WIDTHS) + rng.choice(GROUPS)
                  + rng.choice(PRECS) + rng.choice(types))
    return sorted(specs)


def bad_specs(rng, n):
    alphabet = "<>^=+- z#0123456789,_.eEfFgGn%dxXobcs;é\x00"
    out = ["", ".", "5.", "1" * 30, "." + "1" * 30, ",_", "_,", ",,", "__", "z+", "#z", "0#",
           ".٥f", "٥", "😀", "  ", "x̀<5", ",c", ",s", "_n", ",n", "_s", ".2147483648f",
           "99999999999999999999", "9223372036854775807", "9223372036854775808"]
    for _ in range(n):
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))))
    return out


def float_values(rng):
    vals = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 1234.5, -1234.5678, 1e16, 1e-5, 1e-4,
            123456789.0, 1e22, 1e300, -1.5e300, 5e-324, math.inf, -math.inf, math.nan, 0.1,
            2 / 3, 9.995, 0.0005, 99999.5, 1e15 + 0.3, 12345678.9, -0.00001234, 1e100, 0.995]
    vals += [rng.uniform(-1e6, 1e6) for _ in range(4)] + random_doubles(rng, 3)
    return vals


def test_format_float(drivers):
    rng = random.Random(3)
    specs = gen_specs(rng, ["", "e", "E", "f", "F", "g", "G", "n", "%", "d", "s"], 1500)
    specs += bad_specs(rng, 300)
    vals = float_values(rng)
    cases = []
    for spec in specs:
        for x in rng.sample(vals, 12) + [-0.0, 1.0]:
            cases.append(("format %s %s" % (bits(x), hexs(spec)),
                          expect(lambda: format(x, spec)), "format(%r, %r)" % (x, spec)))
    check_all(drivers, cases)


def int_values(rng):
    vals = [0, 1, -1, 7, 255, -255, 65, 1234567, -1234567, 10 ** 30, -10 ** 30, 2 ** 63 - 1,
            -2 ** 63, 2 ** 63, 2 ** 64, -2 ** 64, 0x10ffff, 0x110000, 0xd7ff, 12345678901234567,
            10 ** 400, 3 ** 200]
    vals += [rng.randint(-10 ** 12, 10 ** 12) for _ in range(4)]
    vals += [rng.randint(-10 ** 40, 10 ** 40) for _ in range(2)]
    return vals


def test_format_int(drivers):
    rng = random.Random(4)
    specs = gen_specs(rng, ["", "b", "c", "d", "o", "x", "X", "n", "e", "E", "f", "g", "G",
                            "%", "s", "q"], 1500)
    specs += bad_specs(rng, 300)
    vals = int_values(rng)
    cases = []
    for spec in specs:
        for x in rng.sample(vals, 10) + [True, False]:
            cases.append(("formatint %s %s" % (x, hexs(spec)),
                          expect(lambda: format(x, spec)), "format(%r, %r)" % (x, spec)))
    check_all(drivers, cases)


def test_format_str(drivers):
    rng = random.Random(5)
    specs = gen_specs(rng, ["", "s", "d", "r"], 800) + bad_specs(rng, 300)
    vals = ["", "a", "abc", "héllo", "日本語テキスト", "😀x😀", "0", "-1", "a\x00b", "x" * 40]
    cases = []
    for spec in specs:
        for s in vals:
            cases.append(("formatstr %s %s" % (hexs(s), hexs(spec)),
                          expect(lambda: format(s, spec)), "format(%r, %r)" % (s, spec)))
    check_all(drivers, cases)


def is_memory_error(line, _drv):
    return line.startswith("ERR MemoryError")


def test_format_huge_width_is_memory_error(drivers):
    """CPython raises MemoryError for unallocatable widths; so must we."""
    cases = []
    for spec in ("1099511627776", "0=1099511627776,", "9223372036854775807", "<9223372036854775807"):
        cases.append(("format %s %s" % (bits(1.5), hexs(spec)),
                      is_memory_error, spec))
        cases.append(("formatint 1 " + hexs(spec), is_memory_error, spec))
    cases.append(("formatstr %s %s" % (hexs("a"), hexs("9223372036854775807")),
                  is_memory_error, "str"))
    check_all(drivers, cases)


# --- hypothesis: batches of generated cases, one driver run per batch -------

hyp = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

_fill = st.sampled_from(["", "<", ">", "^", "=", "0=", "*^", "x<", "é>", "😀^", "\x00<", " >",
                         "0<", "=<", "<=", "{>", "\n^", "0>", "-<", "1>", "#^"])
_spec = st.builds(lambda *parts: "".join(parts), _fill, st.sampled_from(["", "+", "-", " "]),
                  st.sampled_from(["", "z"]), st.sampled_from(["", "#"]),
                  st.sampled_from(["", "0"]),
                  st.one_of(st.just(""), st.integers(0, 40).map(str)),
                  st.sampled_from(["", ",", "_"]),
                  st.one_of(st.just(""), st.integers(0, 40).map(lambda p: "." + str(p))),
                  st.sampled_from(list("eEfFgGn%") + ["", "", "d", "x", "c", "s"]))
_settings = hyp.settings(max_examples=10, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(hyp.HealthCheck))


@_settings
@hyp.given(st.lists(st.tuples(st.floats(allow_nan=True, allow_infinity=True), _spec),
                    min_size=150, max_size=150))
def test_hypothesis_format_float(drivers, batch):
    check_all(drivers, [("format %s %s" % (bits(x), hexs(spec)),
                         expect(lambda x=x, spec=spec: format(x, spec)),
                         "format(%r, %r)" % (x, spec)) for x, spec in batch])


@_settings
@hyp.given(st.lists(st.tuples(st.integers(-10 ** 40, 10 ** 40), _spec), min_size=150,
                    max_size=150))
def test_hypothesis_format_int(drivers, batch):
    check_all(drivers, [("formatint %d %s" % (x, hexs(spec)),
                         expect(lambda x=x, spec=spec: format(x, spec)),
                         "format(%r, %r)" % (x, spec)) for x, spec in batch])


@_settings
@hyp.given(st.lists(st.one_of(st.floats().map(repr), st.text("0123456789_.eE+-infatyINF \t\u0663", max_size=14)),
                    min_size=500, max_size=500))
def test_hypothesis_parse(drivers, batch):
    check_all(drivers, [("parse " + hexs(s), _parse_expect(s), "float(%r)" % s) for s in batch])
