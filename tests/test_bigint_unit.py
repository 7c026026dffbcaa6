"""Unit tests of csrc/core/bigint.c (arbitrary-precision int) with CPython as the oracle.

The C driver ``csrc/tests/test_bigint.c`` is built by the Makefile against
the engine library (``make build/asan/tests/test_bigint``: ASan + UBSan;
the release build for the timings), see ``tests/_cbuild.py``.  It reads one
command per line and prints one result per line; every expected value and
exception message is computed by this Python at test time.  A failing build
fails the tests (with make's output); no ``make`` skips them.
"""

from __future__ import annotations

import math
import os
import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from _cbuild import SAN_ENV, c_program
from _util import IN_PROCESS_ORACLE, IN_PROCESS_SKIP_REASON

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    HAVE_HYPOTHESIS = True
except ImportError:  # pragma: no cover
    HAVE_HYPOTHESIS = False

ROOT = Path(__file__).resolve().parents[1]


# Tests whose expectations include exception messages of this process's int
# implementation ("integer modulo by zero", the int/str digit-limit wording):
# those are CPython 3.11's only when pytest runs on 3.11.
needs_311_messages = pytest.mark.skipif(not IN_PROCESS_ORACLE, reason=IN_PROCESS_SKIP_REASON)


@pytest.fixture(autouse=True)
def _default_int_max_str_digits():
    """The oracle's int()/str() must use CPython's default 4300-digit limit."""
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(4300)
    yield
    sys.set_int_max_str_digits(old)

# ---------------------------------------------------------------------------
# Building the driver: make builds it against the engine library


def build(kind: str = "san") -> tuple[Path, str]:
    """(executable, description). kind: 'san' (ASan+UBSan build; it also injects
    allocation failures) or 'fast' (the -O2 release build, for timings)."""
    if kind == "fast":
        return c_program("test_bigint", "release")
    return c_program("test_bigint", "asan", probe=[])


def run_driver(lines: list[str], kind: str = "san", timeout: float = 600) -> list[str]:
    exe, _ = build(kind)
    data = "".join(line + "\n" for line in lines)
    p = subprocess.run([str(exe), "--stdin"], input=data, capture_output=True, timeout=timeout,
                       encoding="utf-8", errors="surrogateescape",
                       env={**os.environ, **SAN_ENV})
    out = p.stdout.split("\n")[:-1]
    if p.returncode != 0 or len(out) != len(lines):
        at = lines[len(out)] if len(out) < len(lines) else "?"
        pytest.fail(f"driver failed (exit {p.returncode}) after {len(out)}/{len(lines)} lines; "
                    f"next input: {at[:300]!r}\nstderr:\n{p.stderr[-6000:]}", pytrace=False)
    return out


# ---------------------------------------------------------------------------
# Oracle


def err(e: BaseException) -> str:
    return f"ERR {type(e).__name__}: {e}"


def oracle(fn, render):
    try:
        v = fn()
    except Exception as e:  # noqa: BLE001 - the message is the expectation
        return err(e)
    return render(v)


def r_int(v) -> str:
    return hex(v)


def r_float(v):
    return float(v)


def r_num(v):
    return float(v) if isinstance(v, float) else hex(v)


def r_dec(v) -> str:
    return str(int(v))


def r_str(v) -> str:
    return v


def same(expected, got: str) -> bool:
    if "LEAK" in got:
        return False
    if isinstance(expected, float):
        try:
            g = float(got)
        except ValueError:
            return False
        if math.isnan(expected):
            return math.isnan(g)
        return g == expected and math.copysign(1, g) == math.copysign(1, expected)
    return got == expected


def check(cases: list[tuple[str, object]], kind: str = "san") -> int:
    outs = run_driver([c for c, _ in cases], kind)
    bad = [(c, e, g) for (c, e), g in zip(cases, outs) if not same(e, g)]
    if bad:
        msg = "\n".join(f"  {c[:200]}\n    expected {str(e)[:300]}\n    got      {g[:300]}"
                        for c, e, g in bad[:15])
        pytest.fail(f"{len(bad)}/{len(cases)} mismatches:\n{msg}", pytrace=False)
    return len(cases)


def hx(s: str) -> str:
    return "x" + s.encode("utf-8").hex()


# ---------------------------------------------------------------------------
# Operand generators

EDGES = sorted({0, 1, -1, 2, -2, 3, 7, 10, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**32 + 1,
                2**53 - 1, 2**53, 2**53 + 1, 2**62, 2**63 - 1, 2**63, 2**63 + 1, -2**63,
                -2**63 + 1, -2**63 - 1, 2**64 - 1, 2**64, 2**64 + 1, -2**64, -2**64 - 1,
                2**96, 2**127 - 1, 2**127, -2**127, 2**128 - 1, 2**128, 10**18, 10**19, 10**38,
                -10**19, 2**1023, 2**1024, -2**1024, 2**1024 - 2**970, 2**1024 - 2**971,
                3**200, -(7**300)})


def rand_int(rng: random.Random, maxbits: int = 3000) -> int:
    k = rng.random()
    if k < 0.12:
        return rng.choice(EDGES)
    bits = rng.randint(1, maxbits) if rng.random() < 0.7 else rng.randint(1, 130)
    if k < 0.22:  # powers of two and neighbours
        v = (1 << bits) + rng.choice([-1, 0, 1, -2, 2])
    elif k < 0.30:  # long runs of ones / zeros
        v = ((1 << bits) - 1) ^ (rng.choice([0, 1]) << rng.randint(0, bits))
    elif k < 0.36:  # many zero digits inside
        v = (rng.getrandbits(32) << bits) | rng.getrandbits(32)
    else:
        v = rng.getrandbits(bits) | (1 << (bits - 1))
    return -v if rng.random() < 0.5 else v


def nonzero(rng, maxbits=3000):
    v = rand_int(rng, maxbits)
    return v or rng.choice([1, -1, 2**64])


# ---------------------------------------------------------------------------
# Bulk randomized comparisons

BIN = {
    "add": (lambda a, b: a + b),
    "sub": (lambda a, b: a - b),
    "mul": (lambda a, b: a * b),
    "floordiv": (lambda a, b: a // b),
    "mod": (lambda a, b: a % b),
    "and": (lambda a, b: a & b),
    "or": (lambda a, b: a | b),
    "xor": (lambda a, b: a ^ b),
}


def test_driver_builds():
    exe, desc = build()
    print(f"bigint driver: {desc}")
    assert exe.exists()


def test_c_selftest():
    exe, _ = build()
    p = subprocess.run([str(exe)], capture_output=True, text=True, timeout=300,
                       env={**os.environ, **SAN_ENV})
    assert p.returncode == 0, p.stdout + p.stderr


@needs_311_messages
@pytest.mark.parametrize("op", sorted(BIN))
def test_random_binops(op):
    rng = random.Random(f"bin-{op}")
    fn = BIN[op]
    cases = []
    for i in range(1500):
        a = rand_int(rng)
        b = rand_int(rng, rng.choice([64, 200, 3000]))
        if i % 50 == 0:
            b = 0
        cases.append((f"{op} {hex(a)} {hex(b)}", oracle(lambda: fn(a, b), r_int)))
    check(cases)


def test_random_divmod_and_truediv():
    rng = random.Random("div")
    cases = []
    for i in range(2500):
        a = rand_int(rng, 4000)
        b = rand_int(rng, rng.choice([32, 64, 100, 2000, 4000]))
        if i % 100 == 0:
            b = 0
        cases.append((f"divmod {hex(a)} {hex(b)}",
                      oracle(lambda: divmod(a, b), lambda t: f"{hex(t[0])} {hex(t[1])}")))
        cases.append((f"truediv {hex(a)} {hex(b)}", oracle(lambda: a / b, r_float)))
    # quotients near the float range limits, subnormals, exact halves
    for _ in range(1500):
        e = rng.choice([rng.randint(-1200, 1200), rng.randint(1000, 1100), rng.randint(-1100, -1000)])
        b = nonzero(rng, rng.choice([60, 300, 2000]))
        a = (abs(b) << max(e, 0)) >> max(-e, 0)
        a = a + rng.choice([0, 1, -1, rng.getrandbits(40), abs(b) // 2])
        a = -a if rng.random() < 0.3 else a
        cases.append((f"truediv {hex(a)} {hex(b)}", oracle(lambda: a / b, r_float)))
    check(cases)


def test_random_shifts():
    rng = random.Random("shift")
    cases = []
    for _ in range(2500):
        a = rand_int(rng)
        n = rng.choice([rng.randint(0, 70), rng.randint(0, 5000), -rng.randint(1, 100)])
        cases.append((f"lshift {hex(a)} {n}", oracle(lambda: a << n, r_int)))
        cases.append((f"rshift {hex(a)} {n}", oracle(lambda: a >> n, r_int)))
    for a in (0, 1, -1, 2**100, -2**100, 5):
        for n in (2**62, 2**63, 2**64 + 5, 2**70, 2**200, -2**70):
            cases.append((f"lshift {hex(a)} {hex(n)}", oracle(lambda: a << n, r_int)))
            cases.append((f"rshift {hex(a)} {hex(n)}", oracle(lambda: a >> n, r_int)))
    check(cases)


def test_random_unary_and_queries():
    rng = random.Random("unary")
    cases = []
    for _ in range(2000):
        a = rand_int(rng, 4000)
        b = rand_int(rng, 4000) if rng.random() < 0.7 else a
        cases += [
            (f"neg {hex(a)}", hex(-a)),
            (f"invert {hex(a)}", hex(~a)),
            (f"abs {hex(a)}", hex(abs(a))),
            (f"sign {hex(a)}", str((a > 0) - (a < 0))),
            (f"bitlen {hex(a)}", str(a.bit_length())),
            (f"hash {hex(a)}", str(hash(a))),
            (f"cmp {hex(a)} {hex(b)}", str((a > b) - (a < b))),
        ]
    for e in EDGES + [2**61 - 1, 2**61, -(2**61 - 1), 2**122 - 2**61, -2]:
        cases.append((f"hash {hex(e)}", str(hash(e))))
    for _ in range(300):
        v = rng.randint(-2**127, 2**127 - 1)
        cases.append((f"i128 {hex(v)}", hex(v)))
    for v in (-2**127, 2**127 - 1, -2**63 - 1, 2**63, -2**63, 2**63 - 1, 0):
        cases.append((f"i128 {hex(v)}", hex(v)))
    check(cases)


def test_random_pow():
    rng = random.Random("pow")
    cases = []
    for _ in range(700):
        a = rand_int(rng, rng.choice([8, 64, 300, 2000]))
        bits = max(a.bit_length(), 1)
        b = rng.randint(0, max(2, 60000 // bits) if rng.random() < 0.3 else 40)
        cases.append((f"pow {hex(a)} {b}", oracle(lambda: a**b, r_int)))
    for _ in range(200):  # negative exponents: float result
        a = rand_int(rng, rng.choice([8, 64, 1100]))
        b = -rng.randint(1, 400)
        cases.append((f"pow {hex(a)} {b}", oracle(lambda: a**b, r_num)))
    for a in (0, 1, -1, 2, -2, 4, -8, 2**64, 10**20):
        for b in (0, 1, 2, 3, 63, 64, 65, 100, 1000):
            cases.append((f"pow {hex(a)} {b}", oracle(lambda: a**b, r_int)))
    for a in (0, 1, -1):
        for b in (2**64, 2**64 + 1, 2**200):
            cases.append((f"pow {hex(a)} {hex(b)}", oracle(lambda: a**b, r_int)))
    check(cases)


def test_random_powmod():
    rng = random.Random("powmod")
    cases = []
    for i in range(1200):
        a = rand_int(rng, rng.choice([64, 300, 1500]))
        b = abs(rand_int(rng, rng.choice([16, 64, 400])))
        if rng.random() < 0.25:
            b = -b
        m = rand_int(rng, rng.choice([8, 40, 64, 128, 600, 1500]))
        if i % 60 == 0:
            m = rng.choice([0, 1, -1])
        cases.append((f"pow {hex(a)} {hex(b)} {hex(m)}", oracle(lambda: pow(a, b, m), r_int)))
    for a, b, m in [(2, -1, 5), (2, -1, 4), (2, 3, 0), (0, -1, 1), (3, -2, -7), (3, 5, -7),
                    (5, 0, -3), (0, 0, -1), (4, -1, 10**20), (0, -1, 7), (-5, 3, 7),
                    (3, -1, 2**127 - 1), (2**200, -1, 2**127 - 1), (10**30, 10**30, 10**30 + 1)]:
        cases.append((f"pow {hex(a)} {hex(b)} {hex(m)}", oracle(lambda: pow(a, b, m), r_int)))
    check(cases)


def rand_double(rng: random.Random) -> float:
    k = rng.random()
    if k < 0.05:
        return rng.choice([0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5,
                           2.0**63, -2.0**63, 2.0**64, 9007199254740993.0, 1e300, -1e300,
                           5e-324, 1.7976931348623157e308])
    if k < 0.35:
        a = rand_int(rng, 1100)
        try:
            d = float(a)
        except OverflowError:
            return math.inf
        return d if rng.random() < 0.5 else math.nextafter(d, rng.choice([math.inf, -math.inf]))
    if k < 0.6:
        return rng.uniform(-1e6, 1e6)
    m = rng.getrandbits(53) / 2**53
    return math.ldexp(m, rng.randint(-1080, 1024)) * rng.choice([1, -1])


def test_random_float_conversions():
    rng = random.Random("float")
    cases = []
    for _ in range(2500):
        a = rand_int(rng, 1100)
        d = rand_double(rng)
        cmpd = 2 if math.isnan(d) else (a > d) - (a < d)
        cases.append((f"cmpd {hex(a)} {d!r}", str(cmpd)))
        cases.append((f"todouble {hex(a)}", oracle(lambda: float(a), r_float)))
        cases.append((f"fromdouble {d!r}", oracle(lambda: int(d), r_int)))
    # rounding boundaries of int -> float (ties to even, sticky bits, overflow)
    for _ in range(1500):
        k = rng.randint(1, 1000)
        m = rng.getrandbits(53) | (1 << 52)
        a = (m << k) + rng.choice([0, 1, -1]) * (1 << (k - 1)) + rng.choice([0, 0, 1, -1])
        a = -a if rng.random() < 0.5 else a
        cases.append((f"todouble {hex(a)}", oracle(lambda: float(a), r_float)))
        d = float(a) if abs(a) < 2**1024 - 2**970 else 1e308
        cases.append((f"cmpd {hex(a)} {d!r}", str((a > d) - (a < d))))
    for a in (2**1024 - 2**970 - 1, 2**1024 - 2**970, 2**1024 - 2**971, 2**1024, -2**1024 + 2**970):
        cases.append((f"todouble {hex(a)}", oracle(lambda: float(a), r_float)))
        cases.append((f"cmpd {hex(a)} {1.7976931348623157e308!r}",
                      str((a > 1.7976931348623157e308) - (a < 1.7976931348623157e308))))
    check(cases)


def test_random_round():
    rng = random.Random("round")
    cases = []
    for _ in range(2000):
        a = rand_int(rng, rng.choice([20, 64, 70, 400]))
        if rng.random() < 0.3:  # force ties
            k = rng.randint(1, 30)
            a = (rng.getrandbits(40) * 10 + 5) * 10 ** (k - 1) * rng.choice([1, -1])
            n = -k
        else:
            n = rng.randint(-45, 3)
        cases.append((f"round {hex(a)} {n}", oracle(lambda: round(a, n), r_int)))
    for a in (1250, -15, 15, 25, 5, -5, 0, 2**63 - 1, -2**63, 10**20 + 5, 95, -95):
        for n in (-1, -2, -3, -19, -20, -21, 0, 2, -400):
            cases.append((f"round {hex(a)} {n}", oracle(lambda: round(a, n), r_int)))
    check(cases)


# ---------------------------------------------------------------------------
# Algorithm-specific coverage: Knuth D add-back, Karatsuba boundaries

DIGIT_PATTERNS = [0, 1, 2, 2**32 - 1, 2**32 - 2, 2**32 - 3, 2**31, 2**31 - 1, 2**31 + 1]


def structured(rng: random.Random, ndigits: int) -> int:
    """An int made of 32-bit digits that are mostly extreme patterns."""
    ds = [rng.choice(DIGIT_PATTERNS) if rng.random() < 0.8 else rng.getrandbits(32)
          for _ in range(ndigits)]
    if ds[-1] == 0:
        ds[-1] = rng.choice([1, 2**31, 2**32 - 1])
    return sum(d << (32 * i) for i, d in enumerate(ds))


def knuth_needs_add_back(a: int, b: int) -> bool:
    """Model of bigint.c's divrem_core (32-bit digits, a >= b > 2**32): does
    some step overestimate the quotient digit even after the 2-digit test?"""
    B = 1 << 32
    n = (b.bit_length() + 31) // 32
    s = 32 * n - b.bit_length()
    v, u = b << s, a << s
    an = (a.bit_length() + 31) // 32
    vtop, vnext = v >> (32 * (n - 1)), (v >> (32 * (n - 2))) & (B - 1)
    for j in range(an - n, -1, -1):
        top3 = u >> (32 * (j + n - 2))
        u2, u1, u0 = top3 >> 64, (top3 >> 32) & (B - 1), top3 & (B - 1)
        if u2 >= vtop:
            qhat = B - 1
            rhat = (u2 << 32 | u1) - qhat * vtop
        else:
            qhat, rhat = divmod(u2 << 32 | u1, vtop)
        while rhat < B and qhat * vnext > (rhat << 32 | u0):
            qhat -= 1
            rhat += vtop
        window = u >> (32 * j)
        low = u & ((1 << (32 * j)) - 1)
        window -= qhat * v
        if window < 0:
            return True
        u = window << (32 * j) | low
    return False


def test_division_add_back():
    rng = random.Random("addback")
    cases, hits = [], 0
    for _ in range(3000):
        n = rng.randint(2, 6)
        b = structured(rng, n)
        a = structured(rng, n + rng.randint(0, 4))
        if a < b:
            a, b = b, a
        if b < 2**32:
            continue
        hits += knuth_needs_add_back(a, b)
        for sa, sb in ((a, b), (-a, b), (a, -b), (-a, -b)):
            cases.append((f"divmod {hex(sa)} {hex(sb)}",
                          f"{hex(sa // sb)} {hex(sa % sb)}"))
        cases.append((f"truediv {hex(a)} {hex(b)}", oracle(lambda: a / b, r_float)))
        m = b | 1 if rng.random() < 0.5 else b & ~1  # Montgomery / Knuth reduction
        e = rng.randint(2, 300)
        cases.append((f"pow {hex(a)} {e} {hex(m)}", hex(pow(a, e, m))))
    assert hits >= 20, f"only {hits} add-back cases generated"
    check(cases)


def test_multiplication_sizes():
    rng = random.Random("mulsizes")
    cases = []
    sizes = [1, 2, 3, 38, 39, 40, 41, 47, 48, 49, 63, 64, 65, 79, 80, 81, 97, 128, 255, 256, 257, 600]
    for n in sizes:
        for m in (n, n - 1, n + 1, 2 * n + 1, 3 * n, 40, 1000):
            if m < 1:
                continue
            a = structured(rng, n) if rng.random() < 0.3 else rng.getrandbits(32 * n) | 1 << (32 * n - 1)
            b = structured(rng, m) if rng.random() < 0.3 else rng.getrandbits(32 * m) | 1 << (32 * m - 1)
            a, b = rng.choice([a, -a]), rng.choice([b, -b])
            cases.append((f"mul {hex(a)} {hex(b)}", hex(a * b)))
            cases.append((f"pow {hex(a)} 2", hex(a * a)))       # squaring path
            cases.append((f"pow {hex(a)} 3", hex(a * a * a)))
            p = a * b + rng.getrandbits(20)
            cases.append((f"floordiv {hex(p)} {hex(b)}", hex(p // b)))
    check(cases)


def test_repr_in_error_messages():
    texts = ["\t" * 150, "'" * 300, "\x00" * 100, "a\\" * 120, "a'\"b" * 60, "é" * 199 + "\t",
             "\u00ad", "\u200b1", "\u2028", "\ue000", "\U000e0001", "ä中😀", "\u0378", "\ufeff1",
             "\x85x", "\u180e", "\u061c", "\U0001F600" * 210, "\u0300", "\u0e3f", "\u3000x",
             "\U00010000", "\x7f", "\x1b[0m", "\xa0"]
    check([(f"fromstr {hx(t)} {b}", oracle(lambda: int(t, b), r_int))
           for t in texts for b in (10, 0, 16)])


# ---------------------------------------------------------------------------
# Strings

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
SPACES = [" ", "\t", "\n", "\x0b", "\x0c", "\r", "\u3000", "\xa0", "\x85", "\u2003", "\x1c"]
UNI_DIGITS = ["\u0660", "\u0966", "\uff10", "\U0001d7ce", "\u1040"]  # Unicode zeros


def to_base(v: int, b: int) -> str:
    if v == 0:
        return "0"
    out = []
    while v:
        v, r = divmod(v, b)
        out.append(DIGITS[r])
    return "".join(reversed(out))


def rand_int_string(rng: random.Random) -> tuple[str, int]:
    base = rng.choice([0, 0, 10, 10, 16, 2, 8, 36, 7, 3, 5, 32])
    b = rng.choice([10, 16, 8, 2]) if base == 0 else base
    v = abs(rand_int(rng, rng.choice([64, 300, 2000])))
    s = to_base(v, b)
    if rng.random() < 0.3:
        s = "".join(c.upper() if rng.random() < 0.5 else c for c in s)
    if rng.random() < 0.3:  # underscores between digits
        s = "".join(c + ("_" if rng.random() < 0.2 and i < len(s) - 1 else "") for i, c in enumerate(s))
    prefix = {16: "0x", 8: "0o", 2: "0b"}.get(b, "")
    if prefix and (base == 0 or rng.random() < 0.5):
        prefix = prefix if rng.random() < 0.7 else prefix.upper()
        s = prefix + ("_" if rng.random() < 0.2 else "") + s
    s = rng.choice(["", "", "+", "-"]) + s
    if rng.random() < 0.3:
        s = "".join(rng.choices(SPACES, k=rng.randint(1, 3))) + s
    if rng.random() < 0.3:
        s = s + "".join(rng.choices(SPACES, k=rng.randint(1, 3)))
    if rng.random() < 0.35:  # mutations, mostly invalid
        i = rng.randint(0, len(s))
        m = rng.choice(["_", "__", " ", "x", "0", "-", "\x00", "'", '"', "\\", "é", "😀",
                        "9", "z", rng.choice(UNI_DIGITS), "\u200b", "\x7f"])
        s = s[:i] + m + s[i + rng.randint(0, 1):]
    if rng.random() < 0.05:
        s = rng.choice(["", " ", "+", "-", "_", "0_", "00", "010", "0_7", "0x", "0b2", "--1", "1__0",
                        "٣" * 3, "0" * 5, "1" * 300, "'" * 5, "x" * 300, "é" * 150 + "!"])
    return s, base


def test_random_fromstr():
    rng = random.Random("fromstr")
    cases = []
    for _ in range(4000):
        s, base = rand_int_string(rng)
        cases.append((f"fromstr {hx(s)} {base}", oracle(lambda: int(s, base), r_int)))
    for base in (1, 37, -1):
        cases.append((f"fromstr {hx('12')} {base}", oracle(lambda: int("12", base), r_int)))
    check(cases)


@needs_311_messages
def test_fromstr_digit_limit():
    cases = []
    for n in (4299, 4300, 4301, 5000, 20000):
        for s, base in [("9" * n, 10), ("1" * n, 7), ("0" * n, 0), ("0" * n, 10), ("f" * n, 16),
                        ("1" * n, 2), ("1" * n + "x", 10), ("x" + "1" * n, 10),
                        ("1_" * (n - 1) + "1", 10), (" -" + "5" * n + " ", 10), ("z" * n, 36),
                        ("0x" + "f" * n, 0), ("0" * (n - 1) + "1", 0)]:
            cases.append((f"fromstr {hx(s)} {base}", oracle(lambda: int(s, base), r_int)))
    check(cases)


@needs_311_messages
def test_random_tostr():
    rng = random.Random("tostr")
    cases = []
    fmt = {(16, 1): hex, (8, 1): oct, (2, 1): bin,
           (16, 0): lambda v: format(v, "x"), (8, 0): lambda v: format(v, "o"),
           (2, 0): lambda v: format(v, "b"), (10, 0): str, (10, 1): str}
    for _ in range(2500):
        a = rand_int(rng, rng.choice([64, 400, 3000, 15000]))
        base, pre = rng.choice(list(fmt))
        cases.append((f"tostr {hex(a)} {base} {pre}", oracle(lambda: fmt[base, pre](a), r_str)))
    for a in (10**4300 - 1, 10**4300, -(10**4300 - 1), -(10**4300), 10**4299, 10**5000, 2**14284,
              2**14286, -2**14300, 10**600 + 1, 10**1100, 10**2300 - 1):
        cases.append((f"tostr {hex(a)} 10 0", oracle(lambda: str(a), r_str)))
    check(cases)


def rand_literal(rng: random.Random) -> str:
    kind = rng.choice(["dec", "dec", "hex", "oct", "bin", "zero"])
    v = abs(rand_int(rng, rng.choice([64, 500, 3000, 15000])))
    if kind == "zero":
        s = rng.choice(["0", "00", "0_0", "000_000"])
    else:
        b = {"dec": 10, "hex": 16, "oct": 8, "bin": 2}[kind]
        s = to_base(v, b)
        if rng.random() < 0.3:
            s = "".join(c + ("_" if rng.random() < 0.2 and i < len(s) - 1 else "")
                        for i, c in enumerate(s))
        if kind != "dec":
            p = {"hex": "0x", "oct": "0o", "bin": "0b"}[kind]
            s = (p if rng.random() < 0.7 else p.upper()) + ("_" if rng.random() < 0.2 else "") + s
    return s


@needs_311_messages
def test_random_literal():
    rng = random.Random("literal")
    cases = []
    for _ in range(1500):
        s = rand_literal(rng)
        cases.append((f"lit {hx(s)}", oracle(lambda: int(s.replace("_", ""), 0), r_int)))
    for n in (4300, 4301, 6000):
        s = "7" * n
        cases.append((f"lit {hx(s)}", oracle(lambda: int(s, 0), r_int)))
        s = "1_" * n + "1"
        cases.append((f"lit {hx(s)}", oracle(lambda: int(s.replace("_", ""), 0), r_int)))
    check(cases)


# ---------------------------------------------------------------------------
# Error cases and messages


@needs_311_messages
def test_error_messages():
    big = 10**40
    exprs = {
        "floordiv": [(1, 0), (big, 0), (-big, 0), (0, 0)],
        "mod": [(1, 0), (big, 0), (0, 0)],
        "divmod": [(1, 0), (big, 0)],
        "truediv": [(1, 0), (big, 0), (10**400, 1), (10**400, 10**80), (-(10**400), 3),
                    (1, 10**400), (2**1024, 2), (2**1025 - 1, 2), (2**1024 - 1, 1)],
        "lshift": [(1, -1), (0, -1), (big, -big), (1, 2**62), (1, 2**63), (1, 2**70),
                   (0, 2**70), (big, 2**64), (1, 2**66), (3, 69175290276410818560 - 1),
                   (3, 69175290276410818560), (3, 69175290276410818560 + 29)],
        "rshift": [(1, -1), (-1, -big), (-1, 2**70), (1, 2**70), (-big, 2**100)],
        "todouble": [(10**400,), (2**1024,), (-(2**1024),), (2**1024 - 1,)],
    }
    pyfn = {"floordiv": lambda a, b: a // b, "mod": lambda a, b: a % b,
            "divmod": divmod, "truediv": lambda a, b: a / b,
            "lshift": lambda a, b: a << b, "rshift": lambda a, b: a >> b,
            "todouble": float}
    cases = []
    for op, args in exprs.items():
        for t in args:
            render = {"divmod": lambda t: f"{hex(t[0])} {hex(t[1])}", "truediv": r_float,
                      "todouble": r_float}.get(op, r_int)
            cases.append((f"{op} {' '.join(map(hex, t))}", oracle(lambda: pyfn[op](*t), render)))
    for d in (math.inf, -math.inf, math.nan, 1e300, -1e300, 2.0**63, -2.0**63, 0.9999, -0.9999):
        cases.append((f"fromdouble {d!r}", oracle(lambda: int(d), r_int)))
    for a, b, m in [(2, -1, 4), (2, 3, 0), (2**100, 5, 0), (6, -1, 9), (0, -1, 7)]:
        cases.append((f"pow {hex(a)} {hex(b)} {hex(m)}", oracle(lambda: pow(a, b, m), r_int)))
    for a, b in [(0, -1), (0, -5), (10**400, -1), (2, -1), (-8, -1), (2, -1075), (2, -2000)]:
        cases.append((f"pow {hex(a)} {hex(b)}", oracle(lambda: a**b, r_num)))
    check(cases)


def test_memory_errors_do_not_leak():
    """Under a memory limit, big operations fail cleanly and free everything."""
    a, b = 7**20000, 3**30000
    lines = ["memlimit 20000"]
    ops = [f"mul {hex(a)} {hex(b)}", f"add {hex(a)} {hex(b)}", f"floordiv {hex(a * b)} {hex(b)}",
           f"pow {hex(a)} 3", "pow 0x3 0x186a0", f"pow {hex(b)} 50 {hex(a + 2)}",
           "lshift 0x1 0x100000", f"tostr {hex(a)} 16 1", f"tostr {hex(10**2000)} 10 0",
           f"fromstr {hx('7' * 4000)} 10", f"and {hex(a)} {hex(-b)}", f"truediv {hex(b)} {hex(a)}",
           f"round {hex(a)} -5000", f"divmod {hex(a * b)} {hex(b)}"]
    expected = [a * b, a + b, a, a**3, 3**100000, pow(b, 50, a + 2), 1 << 0x100000, hex(a),
                str(10**2000), int("7" * 4000), a & -b, b / a, round(a, -5000), (a, 0)]
    expected = [e if isinstance(e, str) else f"{hex(e[0])} {hex(e[1])}" if isinstance(e, tuple)
                else e if isinstance(e, float) else hex(e) for e in expected]
    lines += ops + ["memlimit 0"] + ops
    outs = run_driver(lines)
    assert all("LEAK" not in o for o in outs), [o for o in outs if "LEAK" in o]
    limited, unlimited = outs[1:1 + len(ops)], outs[2 + len(ops):]
    for cmd, exp, got in zip(ops, expected, limited):
        # LimitError (the state's max_memory); MemoryError if malloc itself fails
        assert got.startswith(("ERR MemoryError", "ERR LimitError")) or same(exp, got), (cmd, got)
    assert sum(o.startswith("ERR") for o in limited) >= len(ops) // 2, limited
    for cmd, exp, got in zip(ops, expected, unlimited):
        assert same(exp, got), (cmd[:80], str(exp)[:80], got[:80])


def test_fault_injection_every_allocation():
    """Fail the 1st, 2nd, ... allocation of each operation (the sanitizer build
    wraps the engine's malloc): each attempt must end in MemoryError or the
    right result, never leak or crash."""
    rng = random.Random("faults")
    a, b = 7**2000, 3**3000
    c = rng.getrandbits(4800) | 1
    m_odd, m_even = rng.getrandbits(700) | 1 | 1 << 699, rng.getrandbits(700) & ~1 | 1 << 699
    while math.gcd(a, m_odd) != 1:
        m_odd += 2
    d = 10**4000 + 12345
    ops = [
        (f"mul {hex(a)} {hex(b)}", hex(a * b)),
        (f"mul {hex(a)} {hex(c)}", hex(a * c)),
        (f"pow {hex(a)} 2", hex(a * a)),
        (f"divmod {hex(a * b + 5)} {hex(-b)}", f"{hex((a * b + 5) // -b)} {hex((a * b + 5) % -b)}"),
        (f"mod {hex(-a)} {hex(c)}", hex(-a % c)),
        (f"truediv {hex(a)} {hex(a // 3 + 1)}", a / (a // 3 + 1)),
        ("pow 0x3 10000", hex(3**10000)),
        ("pow 0xc 900", hex(12**900)),
        ("pow -0x2 100001", hex((-2)**100001)),
        (f"pow {hex(a)} {hex(b)} {hex(m_odd)}", hex(pow(a, b, m_odd))),
        (f"pow {hex(a)} {hex(b)} {hex(-m_even)}", hex(pow(a, b, -m_even))),
        (f"pow {hex(a)} -1 {hex(m_odd)}", hex(pow(a, -1, m_odd))),
        (f"pow {hex(a)} {hex(b)} 0x1000000007", hex(pow(a, b, 0x1000000007))),
        (f"round {hex(a)} -500", hex(round(a, -500))),
        (f"lshift {hex(a)} 1000", hex(a << 1000)),
        (f"rshift {hex(-a)} 1000", hex(-a >> 1000)),
        (f"and {hex(-a)} {hex(b)}", hex(-a & b)),
        (f"or {hex(-a)} {hex(-b)}", hex(-a | -b)),
        (f"xor {hex(a)} {hex(-b)}", hex(a ^ -b)),
        (f"invert {hex(a)}", hex(~a)),
        (f"neg {hex(a)}", hex(-a)),
        (f"tostr {hex(d)} 10 0", str(d)),
        (f"tostr {hex(-a)} 8 1", oct(-a)),
        (f"fromstr {hx('7' * 4000)} 10", hex(int('7' * 4000))),
        (f"fromstr {hx('f' * 5000)} 16", hex(int('f' * 5000, 16))),
        (f"fromstr {hx(' ' + chr(0x663) * 50 + chr(0x3000))} 0", hex(int(chr(0x663) * 50))),
        (f"fromstr {hx('x' * 300)} 10", oracle(lambda: int('x' * 300), r_int)),
        (f"lit {hx('1_2' * 1000)}", hex(int('12' * 1000))),
    ]
    ks = list(range(1, 101)) + [130, 170, 250, 400, 700, 1000, 2000, 5000, 10**5]
    lines = [f"failat {k} {cmd}" for cmd, _ in ops for k in ks]
    exe, desc = build()
    if not desc.startswith("make asan"):
        pytest.skip(f"fault injection needs the sanitizer build (have: {desc})")
    outs = run_driver(lines)
    problems = []
    for i, (cmd, exp) in enumerate(ops):
        got = outs[i * len(ks):(i + 1) * len(ks)]
        bad = [g for g in got if not (g == "ERR MemoryError: " or same(exp, g))]
        if bad or not same(exp, got[-1]) or got[0] != "ERR MemoryError: ":
            problems.append((cmd[:60], bad[:2], got[0][:40], got[-1][:40]))
    assert not problems, problems


# ---------------------------------------------------------------------------
# Hypothesis

if HAVE_HYPOTHESIS:
    ints = st.one_of(st.integers(-2**70, 2**70), st.integers(-2**3000, 2**3000),
                     st.sampled_from(EDGES),
                     st.integers(0, 3000).map(lambda k: (1 << k) - 1),
                     st.integers(0, 3000).map(lambda k: -(1 << k)))

    @needs_311_messages
    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.sampled_from(sorted(BIN) + ["divmod", "truediv", "cmp"]),
                              ints, ints), min_size=20, max_size=60))
    def test_hypothesis_binops(batch):
        cases = []
        for op, a, b in batch:
            if op == "divmod":
                exp = oracle(lambda: divmod(a, b), lambda t: f"{hex(t[0])} {hex(t[1])}")
            elif op == "truediv":
                exp = oracle(lambda: a / b, r_float)
            elif op == "cmp":
                exp = str((a > b) - (a < b))
            else:
                exp = oracle(lambda: BIN[op](a, b), r_int)
            cases.append((f"{op} {hex(a)} {hex(b)}", exp))
        check(cases)

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.text(alphabet=st.sampled_from(
        list("0123456789_ +-xobXOB afzAFZ") + ["\t", "\u0663", "\u3000", "é", "'", '"']),
        max_size=40), st.sampled_from([0, 2, 8, 10, 16, 36, 3])), min_size=20, max_size=60))
    def test_hypothesis_fromstr(batch):
        check([(f"fromstr {hx(s)} {b}", oracle(lambda: int(s, b), r_int)) for s, b in batch])


# ---------------------------------------------------------------------------
# Performance (optimised build, no sanitizers)


def timed(cmd: str) -> float:
    out = run_driver([f"time {cmd}"], kind="fast")[0]
    assert out.startswith("TIME "), out
    return float(out.split()[1]) / 1e3


def test_performance():
    n100k = 10**100000 - 12345
    m100k = 7**118000
    limits = [
        ("pow 0x2 10000000", 1.0),                        # 2**10**7
        ("pow 0x3 100000", 1.0),                          # 3**100000
        (f"tostr {hex(10**4000 + 17)} 10 0", 0.25),       # str(10**4000)
        (f"fromstr {hx('9' * 4300)} 10", 0.25),           # int('9'*4300)
        (f"mul {hex(n100k)} {hex(m100k)}", 1.5),          # two 100k-digit numbers
        (f"mul {hex(n100k)} {hex(n100k)}", 1.5),          # squaring
        (f"floordiv {hex(n100k * m100k + 5)} {hex(m100k)}", 5.0),
    ]
    slow = []
    for cmd, limit in limits:
        t = timed(cmd)
        print(f"{cmd[:40]:40s} {t * 1e3:9.2f} ms")
        if t > limit:
            slow.append((cmd[:40], t, limit))
    assert not slow, slow
